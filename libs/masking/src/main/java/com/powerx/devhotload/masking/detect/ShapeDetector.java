package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * A detector that recognises its secrets by their shape alone (an e-mail, a card number, a token with a fixed layout),
 * with no keyword to gate it: it is asked on every text its {@link #mayMatch} lets through.
 */
public interface ShapeDetector extends Detector {

    @Override
    default List<String> keywords() {
        return List.of();
    }

    @Override
    default boolean keywordGated() {
        return false;
    }
}
