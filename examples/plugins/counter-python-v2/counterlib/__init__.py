"""Storage of the counter plugin, kept in its own package so a reload shows nested modules are re-imported."""
