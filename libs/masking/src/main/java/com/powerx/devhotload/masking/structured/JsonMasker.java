package com.powerx.devhotload.masking.structured;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.powerx.devhotload.masking.MaskResult;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Masks JSON by editing the original text in place: only the raw literals of changed values are rewritten, so
 * formatting, key order and untouched values stay byte-for-byte identical and the result is valid JSON.
 * Also handles JSON Lines (several root values).
 */
public final class JsonMasker {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final Set<String> NAME_FIELDS = Set.of("name", "key", "id", "variable", "env", "param", "field");

    private final ValueMasker masker;

    /** A masker using {@code masker} for values. */
    public JsonMasker(ValueMasker masker) {
        this.masker = masker;
    }

    /** Masked document, or empty when {@code json} is not valid JSON. */
    public Optional<MaskResult> mask(String json) {
        RedactionTally tally = new RedactionTally();
        ScalarPolicy policy = new ScalarPolicy(masker, tally);
        List<Replacement> edits = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            Deque<Frame> stack = new ArrayDeque<>();
            JsonToken tok;
            boolean any = false;
            while ((tok = p.nextToken()) != null) {
                any = true;
                Frame top = stack.peek();
                switch (tok) {
                    case START_OBJECT -> stack.push(new Frame(true, null));
                    case START_ARRAY -> stack.push(new Frame(false, kindOf(top, policy)));
                    default -> {
                    }
                }
                if (stack.size() > YamlMasker.MAX_DEPTH) {
                    return Optional.empty();
                }
                switch (tok) {
                    case END_OBJECT -> resolveObject(stack.pop(), policy, json, edits);
                    case END_ARRAY -> stack.pop();
                    case FIELD_NAME -> {
                        top.field = p.currentName();
                        int s = offset(p);
                        maskKey(json, s, top.field, policy, edits);
                    }
                    case VALUE_STRING -> {
                        int s = offset(p);
                        Scalar sc = new Scalar(top == null ? null : top.field, s, stringEnd(json, s), p.getText(), true);
                        place(top, sc, policy, json, edits);
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        int s = offset(p);
                        Scalar sc = new Scalar(top == null ? null : top.field, s, numberEnd(json, s), p.getText(), false);
                        place(top, sc, policy, json, edits);
                    }
                    default -> {
                        // true, false, null, embedded objects: nothing to mask
                    }
                }
            }
            if (!any || !stack.isEmpty()) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException invalid) {
            return Optional.empty();
        }
        String out = edits.isEmpty() ? json : Replacement.apply(json, edits);
        return Optional.of(new MaskResult(out, tally.total(), tally.byRule()));
    }

    private static int offset(JsonParser p) {
        long off = p.currentTokenLocation().getCharOffset();
        if (off < 0 || off > Integer.MAX_VALUE) {
            throw new IllegalStateException("no character offsets");
        }
        return (int) off;
    }

    /** Kind inherited by the elements of an array: the kind of the key that owns the array. */
    private static ScalarPolicy.KeyKind kindOf(Frame top, ScalarPolicy policy) {
        if (top == null) {
            return ScalarPolicy.KeyKind.NONE;
        }
        return top.object ? policy.kind(top.field) : top.arrayKind;
    }

    private void place(Frame top, Scalar sc, ScalarPolicy policy, String json, List<Replacement> edits) {
        if (top != null && top.object) {
            top.scalars.add(sc); // decided at END_OBJECT, when name/value siblings are known
        } else {
            decide(sc, top == null ? ScalarPolicy.KeyKind.NONE : top.arrayKind, policy, edits);
        }
    }

    private void resolveObject(Frame f, ScalarPolicy policy, String json, List<Replacement> edits) {
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
            decide(s, k, policy, edits);
        }
    }

    private static void decide(Scalar s, ScalarPolicy.KeyKind kind, ScalarPolicy policy, List<Replacement> edits) {
        String r = s.string ? policy.replace(kind, s.field, s.value) : policy.replaceNumber(kind, s.value);
        if (r != null) {
            edits.add(new Replacement(s.start, s.end, quote(r)));
        }
    }

    private void maskKey(String json, int s, String name, ScalarPolicy policy, List<Replacement> edits) {
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
