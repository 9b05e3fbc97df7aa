package com.powerx.devhotload.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts a string record component to the closed set of values CONTRACT.md fixes for it; becomes {@code enum}
 * in the JSON Schema. Used only where the contract closes the set, so new values elsewhere stay compatible.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface AllowedValues {

    /** The wire values accepted, exactly as written on the wire. */
    String[] value();
}
