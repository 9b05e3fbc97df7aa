package com.powerx.devhotload.masking.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads the hand-written tricky cases.
 *
 * <p>{@code positives.txt}: a case starts with {@code @@ <rule-id> | <secret> [| <secret>...]}; its text is every
 * following line up to the next {@code @@} line (the final line break is not part of the text). Lines starting
 * with {@code #} before the first case are comments.
 *
 * <p>{@code negatives.txt}: one case per non-empty line that does not start with {@code #}.
 * {@code negatives-multiline.txt}: cases separated by lines consisting of {@code @@}.
 */
public final class HandWrittenCorpus {

    private HandWrittenCorpus() {
    }

    public static List<CorpusCase> positives() {
        String[] lines = read("corpus/positives.txt").split("\n", -1);
        List<CorpusCase> out = new ArrayList<>();
        String header = null;
        int headerLine = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "@@";
            if (line.startsWith("@@")) {
                if (header != null) {
                    String text = body.toString();
                    if (text.endsWith("\n")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    String[] parts = header.substring(2).split(" \\| ");
                    String rule = parts[0].trim();
                    String[] secrets = Arrays.stream(parts, 1, parts.length).map(String::strip).toArray(String[]::new);
                    out.add(CorpusCase.positive("positives.txt:" + headerLine, rule, text, secrets));
                }
                if (i < lines.length) {
                    header = line;
                    headerLine = i + 1;
                    body.setLength(0);
                }
                continue;
            }
            if (header == null) {
                continue; // preamble comments
            }
            body.append(line).append('\n');
        }
        return out;
    }

    public static List<CorpusCase> negatives() {
        List<CorpusCase> out = new ArrayList<>();
        String[] lines = read("corpus/negatives.txt").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(CorpusCase.negative("negatives.txt:" + (i + 1), line));
            }
        }
        String multi = read("corpus/negatives-multiline.txt");
        int k = 0;
        for (String block : multi.split("\n@@\n", -1)) {
            String b = block.strip();
            if (!b.isEmpty() && !b.startsWith("#")) {
                out.add(CorpusCase.negative("negatives-multiline.txt#" + (++k), b));
            }
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = HandWrittenCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
