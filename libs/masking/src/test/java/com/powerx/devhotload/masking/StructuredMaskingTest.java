package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.masking.corpus.CorpusCase;
import com.powerx.devhotload.masking.corpus.HandWrittenCorpus;
import com.powerx.devhotload.masking.corpus.PositiveCorpus;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** JSON and YAML masking: valid documents out, structure kept, secrets gone, other values untouched. */
class StructuredMaskingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MaskingEngine engine = MaskingEngine.builder().hmacKey("structured-test-key-0123").build();

    private static final String DOC = """
            {
              "user": "bob",
              "password": "hunter2",
              "retries": 3,
              "ratio": 0.75,
              "enabled": true,
              "nothing": null,
              "nested": {"apiKey": "AbCdEf0123456789xyz", "token_type": "Bearer", "note": "mail bob@example.com"},
              "tokens": ["ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"],
              "secrets": ["one-secret-value", "two-secret-value"],
              "env": [{"name": "DB_PASSWORD", "value": "s3cr3t!"}, {"name": "LOG_LEVEL", "value": "debug"}],
              "Authorization": "Bearer abcdefghijklmnop1234",
              "Cookie": "sid=abc123def456; theme=dark",
              "ip": "10.1.2.3",
              "message": "connect postgres://app:pw-9876543@db:5432/app failed",
              "escaped": "line1\\nline2 \\u00e9 password=x1y2z3w4",
              "id": "550e8400-e29b-41d4-a716-446655440000",
              "version": "1.2.3",
              "list": [1, 2, 3]
            }
            """;

    private static final List<String> DOC_SECRETS = List.of("hunter2", "AbCdEf0123456789xyz", "bob@example.com",
            "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "one-secret-value", "two-secret-value", "s3cr3t!",
            "abcdefghijklmnop1234", "abc123def456", "10.1.2.3", "pw-9876543", "x1y2z3w4");

    @Test
    void jsonStaysValidKeepsStructureAndDropsSecrets() throws Exception {
        MaskResult r = engine.maskJson(DOC);
        JsonNode in = JSON.readTree(DOC);
        JsonNode out = JSON.readTree(r.text());
        assertSameShape(in, out, "$");
        for (String secret : DOC_SECRETS) {
            assertThat(r.text()).as(secret).doesNotContain(secret);
        }
        assertThat(out.get("user").asText()).isEqualTo("bob");
        assertThat(out.get("retries").asInt()).isEqualTo(3);
        assertThat(out.get("ratio").asDouble()).isEqualTo(0.75);
        assertThat(out.get("enabled").asBoolean()).isTrue();
        assertThat(out.get("nothing").isNull()).isTrue();
        assertThat(out.get("nested").get("token_type").asText()).isEqualTo("Bearer");
        assertThat(out.get("env").get(1).get("value").asText()).isEqualTo("debug");
        assertThat(out.get("id").asText()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(out.get("version").asText()).isEqualTo("1.2.3");
        assertThat(out.get("tokens").get(0).asText()).isEqualTo("ghp_****");
        assertThat(out.get("Authorization").asText()).isEqualTo("Bearer ****");
        assertThat(out.get("Cookie").asText()).startsWith("sid=****;");
        assertThat(out.get("message").asText()).isEqualTo("connect postgres://app:****@db:5432/app failed");
        assertThat(r.byRule()).containsKeys("generic-secret-kv", "github-token", "email", "auth-header", "cookie",
                "ipv4", "db-connection-string");
        assertThat(engine.verifier().findings(r.text())).isEmpty();
    }

    @Test
    void untouchedJsonIsByteForByteIdentical() {
        String doc = "{ \"a\" : 1,\n  \"b\": [true, null, \"x\"],   \"c\": {\"version\": \"2.0.0\"} }\n";
        MaskResult r = engine.maskJson(doc);
        assertThat(r.text()).isEqualTo(doc);
        assertThat(r.redactions()).isZero();
    }

    @Test
    void formattingAroundMaskedValuesIsKept() {
        String doc = "{\"password\":\"hunter2\",\"user\":\"bob\"}";
        assertThat(engine.maskJson(doc).text()).isEqualTo("{\"password\":\"****\",\"user\":\"bob\"}");
    }

    @Test
    void numbersUnderSecretKeysBecomeStrings() throws Exception {
        MaskResult r = engine.maskJson("{\"password\": 123456, \"port\": 5432}");
        JsonNode out = JSON.readTree(r.text());
        assertThat(out.get("password").asText()).isEqualTo("****");
        assertThat(out.get("port").asInt()).isEqualTo(5432);
    }

    @Test
    void serviceAccountKeyFieldsUseTheirRule() {
        String doc = "{\"type\": \"service_account\", \"private_key_id\": \"0123456789abcdef0123456789abcdef01234567\","
                + " \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n\"}";
        MaskResult r = engine.maskJson(doc);
        assertThat(r.text()).doesNotContain("0123456789abcdef").doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        assertThat(r.byRule()).containsEntry("gcp-service-account", 2);
    }

    @Test
    void jsonLinesAreMaskedPerRecord() {
        String lines = "{\"msg\":\"login\",\"password\":\"a1b2c3d4\"}\n{\"msg\":\"logout\",\"user\":\"bob@example.com\"}\n";
        MaskResult r = engine.maskJson(lines);
        assertThat(r.text()).doesNotContain("a1b2c3d4").doesNotContain("bob@example.com");
        assertThat(r.text().split("\n")).hasSize(2);
    }

    @Test
    void invalidJsonFallsBackToFreeText() {
        String broken = "{\"password\": \"hunter2\", oops";
        MaskResult r = engine.maskJson(broken);
        assertThat(r.text()).doesNotContain("hunter2");
    }

    private static final String YAML_DOC = """
            # deploy config; admin contact ops@example.com
            db:
              user: app
              password: hunter2   # rotate monthly
              url: postgres://app:pw123456@db:5432/app
            api:
              key: &k AbCdEf0123456789xyzQQ
              token: !!str "tok-0123456789"
              ref: *k
            tls:
              private_key: |
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAabcdefghijklmnop
                -----END RSA PRIVATE KEY-----
              cert: /etc/tls.crt
            env:
              - name: API_TOKEN
                value: xyz987654321
              - {name: MODE, value: prod}
            flags: [on, off]
            count: 3
            owner: 'dana@example.org'
            ---
            second: doc
            secret: 's3cr3t-two'
            """;

    @Test
    void yamlStaysValidKeepsStructureAndDropsSecrets() {
        MaskResult r = engine.maskYaml(YAML_DOC);
        String out = r.text();
        for (String secret : List.of("ops@example.com", "hunter2", "pw123456", "AbCdEf0123456789xyzQQ", "tok-0123456789",
                "MIIEowIBAAKCAQEAabcdefghijklmnop", "xyz987654321", "dana@example.org", "s3cr3t-two")) {
            assertThat(out).as(secret).doesNotContain(secret);
        }
        List<Object> before = loadAll(YAML_DOC);
        List<Object> after = loadAll(out);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertSameShape(before.get(i), after.get(i), "doc" + i);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) after.get(0);
        assertThat(first.get("count")).isEqualTo(3);
        assertThat(first.get("flags")).isEqualTo(List.of(true, false));
        assertThat(out).contains("# rotate monthly").contains("cert: /etc/tls.crt").contains("- {name: MODE, value: prod}")
                .contains("ref: *k").contains("key: &k \"****\"");
        assertThat(engine.verifier().findings(out)).isEmpty();
    }

    @Test
    void untouchedYamlIsByteForByteIdentical() {
        String doc = "a: 1\nb:\n  - x\n  - y   # comment\nc: {d: e}\n";
        assertThat(engine.maskYaml(doc).text()).isEqualTo(doc);
    }

    @Test
    void invalidYamlFallsBackToFreeText() {
        String broken = "password: hunter2\n  bad: [unclosed\n";
        assertThat(engine.maskYaml(broken).text()).doesNotContain("hunter2");
    }

    /** Every corpus case that is a JSON or YAML document is masked structurally: still valid, secrets gone. */
    @Test
    void corpusDocumentsMaskedStructurallyStayValidAndClean() throws Exception {
        List<CorpusCase> cases = new ArrayList<>(PositiveCorpus.generate(CorpusRecallTest.SEED, 3));
        cases.addAll(HandWrittenCorpus.positives());
        int json = 0;
        int yaml = 0;
        for (CorpusCase c : cases) {
            if (isJson(c.text())) {
                json++;
                String out = engine.maskJson(c.text()).text();
                JsonNode before = JSON.readTree(c.text());
                assertSameShape(before, JSON.readTree(out), c.source());
                assertThat(CorpusRecallTest.leak(c, out)).as(c.source() + "\n" + out).isNull();
            }
            if (isYamlMapping(c.text())) {
                yaml++;
                String out = engine.maskYaml(c.text()).text();
                List<Object> before = loadAll(c.text());
                List<Object> after = loadAll(out);
                assertThat(after).as(c.source()).hasSameSizeAs(before);
                for (int i = 0; i < before.size(); i++) {
                    assertSameShape(before.get(i), after.get(i), c.source());
                }
                assertThat(CorpusRecallTest.leak(c, out)).as(c.source() + "\n" + out).isNull();
            }
        }
        System.out.printf("structured corpus: %d JSON documents, %d YAML mappings%n", json, yaml);
        assertThat(json).isGreaterThan(50);
        assertThat(yaml).isGreaterThan(50);
    }

    private static boolean isJson(String s) {
        String t = s.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return false;
        }
        try {
            JSON.readTree(s);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isYamlMapping(String s) {
        try {
            List<Object> docs = loadAll(s);
            return !docs.isEmpty() && docs.stream().allMatch(d -> d instanceof Map<?, ?>);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<Object> loadAll(String yaml) {
        List<Object> out = new ArrayList<>();
        for (Object o : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(new StringReader(yaml))) {
            out.add(o);
        }
        return out;
    }

    /** Same keys and container kinds everywhere; scalars may differ (masked values become strings). */
    private static void assertSameShape(JsonNode a, JsonNode b, String path) {
        if (a.isObject()) {
            assertThat(b.isObject()).as(path).isTrue();
            List<String> ka = new ArrayList<>();
            a.fieldNames().forEachRemaining(ka::add);
            List<String> kb = new ArrayList<>();
            b.fieldNames().forEachRemaining(kb::add);
            assertThat(kb).as(path).hasSameSizeAs(ka);
            Iterator<String> ib = kb.iterator();
            for (String k : ka) {
                String kOut = ib.next();
                assertSameShape(a.get(k), b.get(kOut), path + "." + k);
            }
        } else if (a.isArray()) {
            assertThat(b.isArray()).as(path).isTrue();
            assertThat(b.size()).as(path).isEqualTo(a.size());
            for (int i = 0; i < a.size(); i++) {
                assertSameShape(a.get(i), b.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(b.isContainerNode()).as(path).isFalse();
        }
    }

    private static void assertSameShape(Object a, Object b, String path) {
        if (a instanceof Map<?, ?> ma) {
            assertThat(b).as(path).isInstanceOf(Map.class);
            Map<?, ?> mb = (Map<?, ?>) b;
            assertThat(mb.size()).as(path).isEqualTo(ma.size());
            Iterator<? extends Map.Entry<?, ?>> ib = mb.entrySet().iterator();
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                assertSameShape(e.getValue(), ib.next().getValue(), path + "." + e.getKey());
            }
        } else if (a instanceof List<?> la) {
            assertThat(b).as(path).isInstanceOf(List.class);
            List<?> lb = (List<?>) b;
            assertThat(lb).as(path).hasSameSizeAs(la);
            for (int i = 0; i < la.size(); i++) {
                assertSameShape(la.get(i), lb.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(b instanceof Map<?, ?> || b instanceof List<?>).as(path).isFalse();
        }
    }
}
