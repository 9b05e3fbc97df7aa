package com.powerx.devhotload.masking.structured;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.powerx.devhotload.masking.MaskResult;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Masks JSON by editing the original text in place: only the raw literals of changed values are rewritten, so
 * formatting, key order and untouched values stay byte-for-byte identical and the result is valid JSON.
 * Also handles JSON Lines (several root values).
 */
public final class JsonMasker {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final ValueMasker masker;

    /** A masker using {@code masker} for values. */
    public JsonMasker(ValueMasker masker) {
        this.masker = masker;
    }

    /** Masked document, or empty when {@code json} is not valid JSON. */
    public Optional<MaskResult> mask(String json) {
        RedactionTally tally = new RedactionTally();
        JsonTokenWalk walk = new JsonTokenWalk(json, new ScalarPolicy(masker, tally));
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken tok;
            boolean any = false;
            while ((tok = p.nextToken()) != null) {
                any = true;
                if (!walk.accept(p, tok)) {
                    return Optional.empty();
                }
            }
            if (!any || !walk.complete()) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException invalid) {
            return Optional.empty();
        }
        List<Replacement> edits = walk.edits();
        String out = edits.isEmpty() ? json : Replacement.apply(json, edits);
        return Optional.of(new MaskResult(out, tally.total(), tally.byRule()));
    }
}
