package com.powerx.devhotload.masking.structured;

import com.powerx.devhotload.masking.MaskResult;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Masks YAML by editing the original text in place, using SnakeYAML parse events for scalar positions: changed
 * scalars are rewritten as double-quoted scalars (anchors and tags kept), comments are masked as free text, and
 * everything else stays byte-for-byte identical. The result is re-parsed to prove it is still valid YAML.
 */
public final class YamlMasker {

    /** Deeper documents are masked as free text; real configuration is nowhere near this deep. */
    static final int MAX_DEPTH = 128;
    private static final Set<String> NAME_FIELDS = Set.of("name", "key", "id", "variable", "env", "param", "field");

    private final ValueMasker masker;

    /** A masker using {@code masker} for values. */
    public YamlMasker(ValueMasker masker) {
        this.masker = masker;
    }

    /** Masked document, or empty when {@code yaml} is not valid YAML. */
    public Optional<MaskResult> mask(String yaml) {
        RedactionTally tally = new RedactionTally();
        ScalarPolicy policy = new ScalarPolicy(masker, tally);
        List<Replacement> edits = new ArrayList<>();
        List<int[]> covered = new ArrayList<>();
        int[] cpToChar = codePointIndex(yaml);
        try {
            Deque<Frame> stack = new ArrayDeque<>();
            for (Event ev : new Yaml(options()).parse(new StringReader(yaml))) {
                Frame top = stack.peek();
                if (ev instanceof MappingStartEvent || ev instanceof SequenceStartEvent) {
                    boolean mapping = ev instanceof MappingStartEvent;
                    ScalarPolicy.KeyKind inherited = ScalarPolicy.KeyKind.NONE;
                    if (top != null && !isKeyPosition(top)) {
                        inherited = top.mapping ? policy.kind(top.key) : top.seqKind;
                    }
                    if (top != null && isKeyPosition(top)) {
                        top.key = null; // complex key
                    }
                    stack.push(new Frame(mapping, mapping ? ScalarPolicy.KeyKind.NONE : inherited));
                    if (stack.size() > MAX_DEPTH) {
                        return Optional.empty(); // pathological nesting: SnakeYAML slows down quadratically
                    }
                } else if (ev instanceof MappingEndEvent) {
                    resolveMapping(stack.pop(), policy, yaml, cpToChar, edits);
                    nodeDone(stack.peek());
                } else if (ev instanceof SequenceEndEvent) {
                    stack.pop();
                    nodeDone(stack.peek());
                } else if (ev instanceof AliasEvent) {
                    nodeDone(top);
                } else if (ev instanceof ScalarEvent sc) {
                    int s = toChar(cpToChar, sc.getStartMark().getIndex());
                    int e = toChar(cpToChar, sc.getEndMark().getIndex());
                    covered.add(new int[] {s, e});
                    Scalar scalar = new Scalar(null, s, e, sc.getValue(), sc.getScalarStyle(), sc.getTag(),
                            sc.getImplicit().canOmitTagInPlainScalar());
                    if (top == null) {
                        decide(scalar, ScalarPolicy.KeyKind.NONE, policy, yaml, edits);
                    } else if (top.mapping && top.expectKey) {
                        top.key = sc.getValue();
                        maskKey(scalar, policy, yaml, edits);
                    } else if (top.mapping) {
                        top.scalars.add(new Scalar(top.key, s, e, sc.getValue(), sc.getScalarStyle(), sc.getTag(),
                                sc.getImplicit().canOmitTagInPlainScalar()));
                    } else {
                        decide(scalar, top.seqKind, policy, yaml, edits);
                    }
                    nodeDone(top);
                }
            }
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
        maskComments(yaml, covered, policy, edits);
        String out = edits.isEmpty() ? yaml : Replacement.apply(yaml, edits);
        if (!edits.isEmpty() && !parses(out)) {
            return Optional.empty();
        }
        return Optional.of(new MaskResult(out, tally.total(), tally.byRule()));
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(Integer.MAX_VALUE);
        o.setMaxAliasesForCollections(1000);
        o.setProcessComments(false);
        return o;
    }

    private static boolean parses(String yaml) {
        try {
            for (Event ignored : new Yaml(options()).parse(new StringReader(yaml))) {
                // drain
            }
            return true;
        } catch (RuntimeException e) {
            return false;
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

    private void resolveMapping(Frame f, ScalarPolicy policy, String yaml, int[] cp, List<Replacement> edits) {
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
            decide(s, k, policy, yaml, edits);
        }
    }

    private static void decide(Scalar s, ScalarPolicy.KeyKind kind, ScalarPolicy policy, String yaml,
                               List<Replacement> edits) {
        if (s.style == DumperOptions.ScalarStyle.PLAIN && s.plainImplicit && !isPlainString(s.value)) {
            // Plain numbers under secret keys (pin: 1234) are still secrets; booleans and nulls are not.
            if (isBooleanOrNull(s.value)) {
                return;
            }
        }
        String r = policy.replace(kind, s.key, s.value);
        if (r != null) {
            edits.add(new Replacement(s.start, s.end, render(yaml, s, r)));
        }
    }

    private static void maskKey(Scalar s, ScalarPolicy policy, String yaml, List<Replacement> edits) {
        String r = policy.replace(ScalarPolicy.KeyKind.NONE, s.value);
        if (r != null) {
            edits.add(new Replacement(s.start, s.end, render(yaml, s, r)));
        }
    }

    /** New raw text for a scalar: original anchor/tag, a double-quoted value, original trailing line breaks. */
    private static String render(String yaml, Scalar s, String value) {
        String raw = yaml.substring(s.start, s.end);
        StringBuilder b = new StringBuilder(value.length() + 16);
        int i = 0;
        while (i < raw.length() && (raw.charAt(i) == '&' || raw.charAt(i) == '!')) {
            int j = i;
            while (j < raw.length() && !Character.isWhitespace(raw.charAt(j))) {
                j++;
            }
            while (j < raw.length() && (raw.charAt(j) == ' ' || raw.charAt(j) == '\t')) {
                j++;
            }
            b.append(raw, i, j);
            i = j;
        }
        b.append(doubleQuoted(value));
        int t = raw.length();
        while (t > i && (raw.charAt(t - 1) == '\n' || raw.charAt(t - 1) == '\r' || raw.charAt(t - 1) == ' ')) {
            t--;
        }
        b.append(raw, t, raw.length());
        return b.toString();
    }

    static String doubleQuoted(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF
                            || (c >= 0xD800 && c <= 0xDFFF && !validSurrogate(v, i))) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String v, int i) {
        char c = v.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(v.charAt(i - 1));
    }

    private static boolean isPlainString(String v) {
        return !(isBooleanOrNull(v) || v.matches("[-+]?(\\d[\\d_]*)(\\.\\d*)?([eE][-+]?\\d+)?"));
    }

    private static boolean isBooleanOrNull(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "false", "yes", "no", "on", "off", "null", "~", "" -> true;
            default -> false;
        };
    }

    /** Comments live between scalars; each is masked as free text on its own line. */
    private static void maskComments(String yaml, List<int[]> covered, ScalarPolicy policy, List<Replacement> edits) {
        if (yaml.indexOf('#') < 0) {
            return;
        }
        covered.sort((a, b) -> Integer.compare(a[0], b[0]));
        int ci = 0;
        int n = yaml.length();
        int i = 0;
        while (i < n) {
            while (ci < covered.size() && covered.get(ci)[1] <= i) {
                ci++;
            }
            if (ci < covered.size() && covered.get(ci)[0] <= i) {
                i = covered.get(ci)[1];
                continue;
            }
            char c = yaml.charAt(i);
            if (c == '#' && (i == 0 || Character.isWhitespace(yaml.charAt(i - 1)))) {
                int end = i;
                while (end < n && yaml.charAt(end) != '\n' && yaml.charAt(end) != '\r') {
                    end++;
                }
                String comment = yaml.substring(i + 1, end);
                String r = policy.replace(ScalarPolicy.KeyKind.NONE, comment);
                if (r != null && r.indexOf('\n') < 0) {
                    edits.add(new Replacement(i + 1, end, r));
                }
                i = end;
                continue;
            }
            i++;
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

    private static int toChar(int[] map, int cpIndex) {
        return map == null ? cpIndex : map[Math.min(cpIndex, map.length - 1)];
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
