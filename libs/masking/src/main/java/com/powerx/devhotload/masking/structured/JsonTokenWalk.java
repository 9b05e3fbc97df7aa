package com.powerx.devhotload.masking.structured;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Follows the tokens of one JSON text (several root values for JSON Lines) and decides every string and number,
 * collecting the edits. Field names are masked as free text at once. The values of an object wait until the object
 * ends, because a sibling can make any of them secret ({@code "name": "DB_PASSWORD"} beside {@code "value": "x"},
 * {@code "type": "service_account"}). Array elements inherit the field of their array. Not thread-safe; one per
 * document.
 */
final class JsonTokenWalk {

    private static final Set<String> NAME_FIELDS = Set.of("name", "key", "id", "variable", "env", "param", "field");

    private final String json;
    private final ScalarPolicy policy;
    private final List<Replacement> edits = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();

    JsonTokenWalk(String json, ScalarPolicy policy) {
        this.json = json;
        this.policy = policy;
    }

    /** Edits for the values seen so far. */
    List<Replacement> edits() {
        return edits;
    }

    /** Whether every object and array opened so far is closed. */
    boolean complete() {
        return stack.isEmpty();
    }

    /**
     * Handles the token {@code tok} the parser {@code p} stands on; false when the document nests deeper than
     * {@link YamlMasker#MAX_DEPTH}.
     */
    boolean accept(JsonParser p, JsonToken tok) throws IOException {
        Frame top = stack.peek();
        switch (tok) {
            case START_OBJECT -> stack.push(new Frame(true, null));
            case START_ARRAY -> stack.push(new Frame(false, kindOf(top)));
            default -> {
            }
        }
        if (stack.size() > YamlMasker.MAX_DEPTH) {
            return false;
        }
        switch (tok) {
            case END_OBJECT -> resolveObject(stack.pop());
            case END_ARRAY -> stack.pop();
            case FIELD_NAME -> {
                top.field = p.currentName();
                maskKey(offset(p), top.field);
            }
            case VALUE_STRING -> {
                int s = offset(p);
                place(top, new Scalar(top == null ? null : top.field, s, stringEnd(json, s), p.getText(), true));
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                int s = offset(p);
                place(top, new Scalar(top == null ? null : top.field, s, numberEnd(json, s), p.getText(), false));
            }
            default -> {
                // true, false, null, embedded objects: nothing to mask
            }
        }
        return true;
    }

    private static int offset(JsonParser p) {
        long off = p.currentTokenLocation().getCharOffset();
        if (off < 0 || off > Integer.MAX_VALUE) {
            throw new IllegalStateException("no character offsets");
        }
        return (int) off;
    }

    /** Kind inherited by the elements of an array: the kind of the key that owns the array. */
    private ScalarPolicy.KeyKind kindOf(Frame top) {
        if (top == null) {
            return ScalarPolicy.KeyKind.NONE;
        }
        return top.object ? policy.kind(top.field) : top.arrayKind;
    }

    private void place(Frame top, Scalar sc) {
        if (top != null && top.object) {
            top.scalars.add(sc); // decided at END_OBJECT, when name/value siblings are known
        } else {
            decide(sc, top == null ? ScalarPolicy.KeyKind.NONE : top.arrayKind);
        }
    }

    private void resolveObject(Frame f) {
        ScalarPolicy.KeyKind pairKind = ScalarPolicy.KeyKind.NONE;
        for (Scalar s : f.scalars) {
            if (s.string && s.field != null && NAME_FIELDS.contains(s.field.toLowerCase(Locale.ROOT))) {
                ScalarPolicy.KeyKind k = policy.kind(s.value);
                if (k != ScalarPolicy.KeyKind.NONE) {
                    pairKind = k;
                }
            }
        }
        boolean serviceAccount = f.scalars.stream()
                .anyMatch(s -> "type".equals(s.field) && ScalarPolicy.isServiceAccount(s.value));
        for (Scalar s : f.scalars) {
            ScalarPolicy.KeyKind k = serviceAccount ? policy.kindInServiceAccount(s.field) : policy.kind(s.field);
            if (k == ScalarPolicy.KeyKind.NONE && pairKind != ScalarPolicy.KeyKind.NONE && s.field != null
                    && s.field.equalsIgnoreCase("value")) {
                k = pairKind;
            }
            decide(s, k);
        }
    }

    private void decide(Scalar s, ScalarPolicy.KeyKind kind) {
        String r = s.string ? policy.replace(kind, s.field, s.value) : policy.replaceNumber(kind, s.value);
        if (r != null) {
            edits.add(new Replacement(s.start, s.end, quote(r)));
        }
    }

    private void maskKey(int s, String name) {
        String r = policy.replace(ScalarPolicy.KeyKind.NONE, name);
        if (r != null) {
            edits.add(new Replacement(s, stringEnd(json, s), quote(r)));
        }
    }

    static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    /** End (exclusive) of the string literal whose opening quote is at {@code s}. */
    private static int stringEnd(String json, int s) {
        if (json.charAt(s) != '"') {
            throw new IllegalStateException("token offset is not at a string literal");
        }
        int i = s + 1;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new IllegalStateException("unterminated string");
    }

    private static int numberEnd(String json, int s) {
        int i = s;
        int n = json.length();
        while (i < n && "+-0123456789.eE".indexOf(json.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** A scalar value with its raw range. */
    private record Scalar(String field, int start, int end, String value, boolean string) {
    }

    /** An open object or array. */
    private static final class Frame {
        final boolean object;
        final ScalarPolicy.KeyKind arrayKind;
        final List<Scalar> scalars = new ArrayList<>();
        String field;

        Frame(boolean object, ScalarPolicy.KeyKind arrayKind) {
            this.object = object;
            this.arrayKind = arrayKind;
        }
    }
}
