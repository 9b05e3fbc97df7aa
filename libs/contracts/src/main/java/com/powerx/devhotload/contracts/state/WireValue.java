package com.powerx.devhotload.contracts.state;

/** A closed set of values that travel as the strings CONTRACT.md writes; implemented by this package's enums. */
public interface WireValue {

    /** The value as CONTRACT.md writes it, in JSON and in the database. */
    String wire();

    /** The constant of {@code type} whose wire value is {@code wire}; null stays null, an unknown value is an error. */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String wire) {
        if (wire == null) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.wire().equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + wire);
    }
}
