package com.powerx.devhotload.contracts;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Walks the payload records and the records nested in them, for the tests that check conventions. */
final class ContractRecords {

    private ContractRecords() {
    }

    /** Every payload record (registered for some type) and every record nested in one, in discovery order. */
    static Set<Class<?>> all() {
        Set<Class<?>> found = new LinkedHashSet<>();
        PayloadTypes.fixed().values().forEach(type -> collect(type, found));
        collect(PayloadTypes.of(SamplePayloads.CLI_TYPE), found);
        return found;
    }

    /** The records a component type refers to directly: itself, or the elements of a list or map. */
    static List<Class<?>> recordsIn(Type type) {
        if (type instanceof Class<?> cls && cls.isRecord()) {
            return List.of(cls);
        }
        if (type instanceof ParameterizedType parameterized) {
            return List.of(parameterized.getActualTypeArguments()).stream()
                    .flatMap(argument -> recordsIn(argument).stream())
                    .toList();
        }
        return List.of();
    }

    private static void collect(Class<?> record, Set<Class<?>> found) {
        if (!found.add(record)) {
            return;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            recordsIn(component.getGenericType()).forEach(nested -> collect(nested, found));
        }
    }
}
