package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.powerx.devhotload.masking.corpus.CorpusCase;
import com.powerx.devhotload.masking.corpus.PositiveCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One engine shared by many threads gives exactly the single-threaded results. */
class ConcurrencyTest {

    @Test
    void sharedEngineIsThreadSafe() throws Exception {
        MaskingEngine engine = MaskingEngine.builder().hmacKey("concurrency-test-key-01").build();
        List<CorpusCase> cases = PositiveCorpus.generate(7L, 2);
        List<String> expected = new ArrayList<>();
        for (CorpusCase c : cases) {
            expected.add(engine.mask(c.text()).text());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    for (CorpusCase c : cases) {
                        out.add(engine.mask(c.text()).text());
                    }
                    return out;
                }));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
