package com.powerx.devhotload.masking.structured;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Follows the SnakeYAML events of one document and decides every scalar, collecting the edits. Keys are masked as
 * free text at once. The values of a mapping wait until the mapping ends, because a sibling can make any of them
 * secret ({@code name: DB_PASSWORD} beside {@code value: x}, {@code type: service_account}). Sequence items inherit
 * the key of their sequence ({@code passwords: [a, b]}). Not thread-safe; one per document.
 */
final class YamlEventWalk {

    private static final Set<String> NAME_FIELDS = Set.of("name", "key", "id", "variable", "env", "param", "field");

    private final String yaml;
    private final ScalarPolicy policy;
    /** SnakeYAML counts code points, Java chars: the map between them, or null when they coincide. */
    private final int[] cpToChar;
    private final List<Replacement> edits = new ArrayList<>();
    private final List<int[]> covered = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();

    YamlEventWalk(String yaml, ScalarPolicy policy) {
        this.yaml = yaml;
        this.policy = policy;
        this.cpToChar = codePointIndex(yaml);
    }

    /** Edits for the scalars seen so far. */
    List<Replacement> edits() {
        return edits;
    }

    /** Raw {@code [start, end)} ranges of all scalars seen: the text that cannot hold a comment. */
    List<int[]> covered() {
        return covered;
    }

    /** Handles one event; false when the document nests deeper than {@link YamlMasker#MAX_DEPTH}. */
    boolean accept(Event ev) {
        Frame top = stack.peek();
        if (ev instanceof MappingStartEvent || ev instanceof SequenceStartEvent) {
            return open(top, ev instanceof MappingStartEvent);
        }
        if (ev instanceof MappingEndEvent) {
            resolveMapping(stack.pop());
            nodeDone(stack.peek());
        } else if (ev instanceof SequenceEndEvent) {
            stack.pop();
            nodeDone(stack.peek());
        } else if (ev instanceof AliasEvent) {
            nodeDone(top);
        } else if (ev instanceof ScalarEvent sc) {
            scalar(top, sc);
            nodeDone(top);
        }
        return true;
    }

    private boolean open(Frame top, boolean mapping) {
        ScalarPolicy.KeyKind inherited = ScalarPolicy.KeyKind.NONE;
        if (top != null && !isKeyPosition(top)) {
            inherited = top.mapping ? policy.kind(top.key) : top.seqKind;
        }
        if (top != null && isKeyPosition(top)) {
            top.key = null; // complex key
        }
        stack.push(new Frame(mapping, mapping ? ScalarPolicy.KeyKind.NONE : inherited));
        return stack.size() <= YamlMasker.MAX_DEPTH;
    }

    private void scalar(Frame top, ScalarEvent sc) {
        int s = toChar(sc.getStartMark().getIndex());
        int e = toChar(sc.getEndMark().getIndex());
        covered.add(new int[] {s, e});
        boolean mappingValue = top != null && top.mapping && !top.expectKey;
        Scalar scalar = new Scalar(mappingValue ? top.key : null, s, e, sc.getValue(), sc.getScalarStyle(),
                sc.getTag(), sc.getImplicit().canOmitTagInPlainScalar());
        if (top == null) {
            decide(scalar, ScalarPolicy.KeyKind.NONE);
        } else if (top.mapping && top.expectKey) {
            top.key = sc.getValue();
            maskKey(scalar);
        } else if (top.mapping) {
            top.scalars.add(scalar); // decided at the mapping's end, when its name/value siblings are known
        } else {
            decide(scalar, top.seqKind);
        }
    }

    private static boolean isKeyPosition(Frame f) {
        return f.mapping && f.expectKey;
    }

    private static void nodeDone(Frame f) {
        if (f != null && f.mapping) {
            f.expectKey = !f.expectKey;
        }
    }

    private void resolveMapping(Frame f) {
        ScalarPolicy.KeyKind pairKind = ScalarPolicy.KeyKind.NONE;
        for (Scalar s : f.scalars) {
            if (s.key != null && NAME_FIELDS.contains(s.key.toLowerCase(Locale.ROOT))) {
                ScalarPolicy.KeyKind k = policy.kind(s.value);
                if (k != ScalarPolicy.KeyKind.NONE) {
                    pairKind = k;
                }
            }
        }
        boolean serviceAccount = f.scalars.stream()
                .anyMatch(s -> "type".equals(s.key) && ScalarPolicy.isServiceAccount(s.value));
        for (Scalar s : f.scalars) {
            ScalarPolicy.KeyKind k = serviceAccount ? policy.kindInServiceAccount(s.key) : policy.kind(s.key);
            if (k == ScalarPolicy.KeyKind.NONE && pairKind != ScalarPolicy.KeyKind.NONE && "value".equalsIgnoreCase(s.key)) {
                k = pairKind;
            }
            decide(s, k);
        }
    }

    private void decide(Scalar s, ScalarPolicy.KeyKind kind) {
        if (s.style == DumperOptions.ScalarStyle.PLAIN && s.plainImplicit && !YamlScalarText.isPlainString(s.value)) {
            // Plain numbers under secret keys (pin: 1234) are still secrets; booleans and nulls are not.
            if (YamlScalarText.isBooleanOrNull(s.value)) {
                return;
            }
        }
        String r = policy.replace(kind, s.key, s.value);
        if (r != null) {
            edits.add(new Replacement(s.start, s.end, YamlScalarText.render(yaml, s.start, s.end, r)));
        }
    }

    private void maskKey(Scalar s) {
        String r = policy.replace(ScalarPolicy.KeyKind.NONE, s.value);
        if (r != null) {
            edits.add(new Replacement(s.start, s.end, YamlScalarText.render(yaml, s.start, s.end, r)));
        }
    }

    /** Maps SnakeYAML code-point indexes to Java char indexes; null when they coincide. */
    private static int[] codePointIndex(String s) {
        boolean surrogates = false;
        for (int i = 0; i < s.length() && !surrogates; i++) {
            surrogates = Character.isSurrogate(s.charAt(i));
        }
        if (!surrogates) {
            return null;
        }
        int[] map = new int[s.codePointCount(0, s.length()) + 1];
        int cp = 0;
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            map[cp++] = i;
        }
        map[cp] = s.length();
        return map;
    }

    private int toChar(int cpIndex) {
        return cpToChar == null ? cpIndex : cpToChar[Math.min(cpIndex, cpToChar.length - 1)];
    }

    /** A scalar value with its raw range. */
    private record Scalar(String key, int start, int end, String value, DumperOptions.ScalarStyle style, String tag,
                          boolean plainImplicit) {
    }

    /** An open mapping or sequence. */
    private static final class Frame {
        final boolean mapping;
        final ScalarPolicy.KeyKind seqKind;
        final List<Scalar> scalars = new ArrayList<>();
        boolean expectKey = true;
        String key;

        Frame(boolean mapping, ScalarPolicy.KeyKind seqKind) {
            this.mapping = mapping;
            this.seqKind = seqKind;
        }
    }
}
