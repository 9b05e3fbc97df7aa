package com.powerx.devhotload.masking.corpus;

import com.powerx.devhotload.masking.corpus.ContextualSecrets.Template;
import com.powerx.devhotload.masking.corpus.SecretClassCorpus.Generated;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Kubernetes {@code Secret} documents as kubectl prints them and as people write them, with data under key names
 * that say nothing ({@code config.json}, {@code .dockerconfigjson}, {@code username}); and private keys that were
 * base64-encoded once more.
 */
final class K8sSecretSamples {

    private K8sSecretSamples() {
    }

    static List<Template> templates() {
        return List.of(
                ContextualSecrets.tpl("kubectl-yaml", K8sSecretSamples::kubectlYaml),
                ContextualSecrets.tpl("manifest", K8sSecretSamples::manifest),
                ContextualSecrets.tpl("string-data", K8sSecretSamples::stringData),
                ContextualSecrets.tpl("json-compact", K8sSecretSamples::jsonCompact),
                ContextualSecrets.tpl("json-pretty", K8sSecretSamples::jsonPretty),
                ContextualSecrets.tpl("multi-document", K8sSecretSamples::multiDocument));
    }

    /** {@code kubectl get secret -o yaml}: keys sorted, so data comes before kind. */
    private static Generated kubectlYaml(Tokens t) {
        String a = b64("{\"auths\":{\"registry.internal\":{\"auth\":\"" + b64("robot:" + t.alnum(20)) + "\"}}}");
        String b = b64(t.alnum(16));
        String text = "apiVersion: v1\ndata:\n  .dockerconfigjson: " + a + "\n  username: " + b
                + "\nkind: Secret\nmetadata:\n  creationTimestamp: \"2026-11-22T10:15:30Z\"\n  name: regcred\n"
                + "  namespace: px-dev\n  uid: " + t.uuid() + "\ntype: kubernetes.io/dockerconfigjson";
        return Generated.of("kubectl-yaml", text, a, b);
    }

    private static Generated manifest(Tokens t) {
        String a = b64("postgres://app:" + t.alnum(14) + "@db:5432/app");
        String b = b64(t.alnum(24));
        String text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: session-db\ntype: Opaque\ndata:\n  url: " + a
                + "\n  " + t.pick("config.json", "settings", "conn", "value") + ": " + b;
        return Generated.of("manifest", text, a, b);
    }

    private static Generated stringData(Tokens t) {
        String a = t.alnum(18);
        String b = t.base64Url(32);
        String text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-config\nstringData:\n  admin: " + a
                + "\n  webhook: \"" + b + "\"\n  note: |\n    rotate quarterly\n    owner ops";
        return Generated.of("string-data", text, a, b);
    }

    private static Generated jsonCompact(Tokens t) {
        String a = b64(t.alnum(20));
        String b = b64(t.alnum(30));
        String text = "{\"apiVersion\":\"v1\",\"data\":{\"ca.key\":\"" + a + "\",\"settings\":\"" + b
                + "\"},\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\",\"namespace\":\"px\"},\"type\":\"Opaque\"}";
        return Generated.of("json-compact", text, a, b);
    }

    private static Generated jsonPretty(Tokens t) {
        String a = b64(t.alnum(20));
        String text = "{\n    \"apiVersion\": \"v1\",\n    \"data\": {\n        \"" + t.pick("username", "cfg", "value")
                + "\": \"" + a + "\"\n    },\n    \"kind\": \"Secret\",\n    \"metadata\": {\n        \"name\": \"svc\"\n    }\n}";
        return Generated.of("json-pretty", text, a);
    }

    /** A ConfigMap and a Secret in one stream: only the Secret's values are secret. */
    private static Generated multiDocument(Tokens t) {
        String a = b64(t.alnum(22));
        String text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  LOG_LEVEL: info\n---\n"
                + "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  LICENSE: " + a + "\n";
        return Generated.of("multi-document", text, a);
    }

    static List<Template> base64Keys() {
        List<Template> l = new ArrayList<>();
        l.add(ContextualSecrets.tpl("tls-key", t -> key(t, "tls.key: ", "")));
        l.add(ContextualSecrets.tpl("kubeconfig", t -> key(t, "users:\n- name: admin\n  user:\n    client-key-data: ", "")));
        l.add(ContextualSecrets.tpl("json", t -> key(t, "{\"name\": \"edge\", \"pem\": \"", "\"}")));
        l.add(ContextualSecrets.tpl("log", t -> key(t, "DEBUG loaded material ", " from env")));
        return l;
    }

    private static Generated key(Tokens t, String before, String after) {
        String label = t.pick("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY");
        String pem = "-----BEGIN " + label + "-----\n" + String.join("\n", t.pemBody(5)) + "\n-----END " + label + "-----\n";
        String v = b64(pem);
        return Generated.of("base64-pem", before + v + after, v);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
