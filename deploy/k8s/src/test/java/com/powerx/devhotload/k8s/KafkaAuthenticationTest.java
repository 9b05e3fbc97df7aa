package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the suite reaches Kafka (components/kafka-scram-tls, docs/kubernetes.md "Kafka authentication"): px-suite's
 * protocol, mechanism and bootstrap port agree; with SASL_SSL every workload logs in as its own KafkaUser, with the
 * JAAS line and the cluster CA from Secrets; and each KafkaUser's ACLs grant exactly what its service does with Kafka,
 * derived from the service's channels, its hand-built clients and docs/architecture.md's "produces" column.
 */
class KafkaAuthenticationTest {

    static final List<String> VARIANTS = Rendered.VARIANTS;

    /** The Kafka settings of px-suite that one listener decides: never overridden per service. */
    static final List<String> SUITE_SETTINGS = List.of("PX_KAFKA_BOOTSTRAP", "PX_KAFKA_SECURITY_PROTOCOL",
            "PX_KAFKA_SASL_MECHANISM", "PX_KAFKA_TRUSTSTORE_TYPE");

    /**
     * The services' Kafka clients built by hand (not reactive-messaging channels), each of which is read below. A new
     * one fails {@link #everyHandBuiltClientIsAccountedFor} until its topics and groups are derived here too.
     */
    static final Set<String> HAND_BUILT_CLIENTS = Set.of(
            "sandbox-orchestrator/src/main/java/com/powerx/devhotload/sandbox/service/LogPublisher.java",
            "stream-gateway/src/main/java/com/powerx/devhotload/stream/messaging/EventConsumer.java",
            "diagnostics-service/src/main/java/com/powerx/devhotload/diagnostics/service/IngestProgress.java",
            "telemetry-ingest/src/main/java/com/powerx/devhotload/telemetry/messaging/EventPublisher.java");

    private static final Pattern CLIENT = Pattern.compile(
            "new KafkaConsumer|new KafkaProducer|Admin(Client)?\\.create|EventProducers\\.create");
    private static final Pattern CHANNEL = Pattern.compile(
            "^mp\\.messaging\\.(incoming|outgoing)\\.([\\w-]+)\\.(topics?|group\\.id)=(.+)$", Pattern.MULTILINE);
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";");
    private static final Pattern TOPIC_REFERENCE = Pattern.compile("\\bTopics\\.([A-Z_]+)\\b");
    private static final Pattern TOPIC_NAME = Pattern.compile("`([a-z]+(?:\\.[a-z]+)+)`");

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void protocolMechanismAndListenerPortAgree(String variant) {
        Rendered r = Rendered.of(variant);
        Map<String, String> suite = r.configMap("px-suite").getData();
        String protocol = protocol(r);
        int port = Integer.parseInt(suite.get("PX_KAFKA_BOOTSTRAP").replaceAll(".*:", ""));
        switch (protocol) {
            case "SASL_SSL" -> {
                assertThat(port).as(variant + ": Strimzi's TLS listener").isEqualTo(9093);
                assertThat(suite).as(variant).containsEntry("PX_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                        .containsEntry("PX_KAFKA_TRUSTSTORE_TYPE", "PEM");
            }
            case "PLAINTEXT" -> {
                assertThat(port).as(variant + ": Strimzi's plain listener").isEqualTo(9092);
                assertThat(suite).as(variant).doesNotContainKeys("PX_KAFKA_SASL_MECHANISM", "PX_KAFKA_TRUSTSTORE_TYPE");
            }
            default -> throw new AssertionError(variant + ": unexpected PX_KAFKA_SECURITY_PROTOCOL " + protocol);
        }
        Set<String> flows = NetworkPolicyTest.flows(r);
        for (String service : Rendered.SERVICES) {
            assertThat(flows).as(variant + " " + service + " reaches the listener").contains("out " + service + " -> any :" + port + "/TCP");
            EnvironmentTest.environment(r, container(r, service)).forEach((name, value) -> {
                if (SUITE_SETTINGS.contains(name)) {
                    assertThat(value.configMap()).as(variant + " " + service + " " + name + ": one listener for the suite")
                            .isEqualTo("px-suite");
                }
            });
        }
    }

    @Test
    void devStaysOnThePlainListener() {
        Rendered dev = Rendered.of("dev");
        assertThat(protocol(dev)).isEqualTo("PLAINTEXT");
        assertThat(dev.configMap("px-suite").getData().get("PX_KAFKA_BOOTSTRAP")).endsWith(":9092");
        assertThat(dev.kind("KafkaUser")).isEmpty();
        for (String service : Rendered.SERVICES) {
            assertThat(EnvironmentTest.environment(dev, container(dev, service))).as(service)
                    .doesNotContainKeys("PX_KAFKA_SASL_JAAS_CONFIG", "PX_KAFKA_TRUSTSTORE_CERTIFICATES");
        }
    }

    @Test
    void prodUsesScramOverTls() {
        assertThat(protocol(Rendered.of("prod"))).isEqualTo("SASL_SSL");
        assertThat(protocol(Rendered.of("all-components"))).isEqualTo("SASL_SSL");
    }

    /** Both variables by secretKeyRef, never a value; one KafkaUser per service; the CA of the cluster px-suite names. */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "all-components"})
    void everyWorkloadLogsInAsItsOwnKafkaUserFromSecrets(String variant) {
        Rendered r = Rendered.of(variant);
        Map<String, GenericKubernetesResource> users = users(r);
        String cluster = cluster(r);
        Map<String, String> userOf = new TreeMap<>();
        for (String service : Rendered.SERVICES) {
            Map<String, EnvVar> env = new HashMap<>();
            container(r, service).getEnv().forEach(e -> env.put(e.getName(), e));
            SecretKeySelector jaas = secretRef(env.get("PX_KAFKA_SASL_JAAS_CONFIG"), variant + " " + service);
            assertThat(jaas.getKey()).as("what the User Operator's Secret holds").isEqualTo("sasl.jaas.config");
            assertThat(users).as(variant + " " + service + ": the Secret is a KafkaUser's").containsKey(jaas.getName());
            userOf.put(service, jaas.getName());
            SecretKeySelector ca = secretRef(env.get("PX_KAFKA_TRUSTSTORE_CERTIFICATES"), variant + " " + service);
            assertThat(ca.getName()).as("Strimzi's cluster CA Secret").isEqualTo(cluster + "-cluster-ca-cert");
            assertThat(ca.getKey()).isEqualTo("ca.crt");
        }
        assertThat(Set.copyOf(userOf.values())).as("one KafkaUser per service (least privilege): " + userOf)
                .hasSize(Rendered.SERVICES.size()).containsExactlyInAnyOrderElementsOf(users.keySet());
        users.values().forEach(u -> {
            String name = u.getMetadata().getName();
            assertThat(u.getMetadata().getLabels()).as(name).containsEntry("strimzi.io/cluster", cluster);
            assertThat((String) u.get("spec", "authentication", "type")).as(name).isEqualTo("scram-sha-512");
            assertThat((String) u.get("spec", "authorization", "type")).as(name).isEqualTo("simple");
        });
    }

    /** Every topic and group a service uses is granted to its user, and nothing else is (no rule without a use). */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "all-components"})
    void eachUsersAclsGrantExactlyWhatItsServiceDoes(String variant) {
        Rendered r = Rendered.of(variant);
        Map<String, GenericKubernetesResource> users = users(r);
        SoftAssertions softly = new SoftAssertions(); // every missing or unused grant of every user in one report
        for (String service : Rendered.SERVICES) {
            String user = container(r, service).getEnv().stream().filter(e -> e.getName().equals("PX_KAFKA_SASL_JAAS_CONFIG"))
                    .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName();
            List<Acl> acls = acls(users.get(user));
            Set<String> needs = needs(r, service);
            assertThat(needs).as(service + ": derived from its source").isNotEmpty();
            for (String need : needs) {
                softly.assertThat(acls).as(variant + " " + user + " grants " + need).anyMatch(a -> a.grants(need));
            }
            for (Acl acl : acls) {
                for (String op : acl.operations()) {
                    softly.assertThat(needs).as(variant + " " + user + ": " + op + " on " + acl.type() + " " + acl.name()
                            + " (" + acl.patternType() + ") is used by " + service).anyMatch(n -> acl.grants(n) && n.endsWith(" " + op));
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void everyHandBuiltClientIsAccountedFor() throws IOException {
        Set<String> found = new TreeSet<>();
        for (String service : Rendered.SERVICES) {
            try (Stream<Path> walk = Files.walk(Rendered.ROOT.resolve(service).resolve("src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java")).filter(p -> CLIENT.matcher(read(p)).find())
                        .forEach(p -> found.add(Rendered.ROOT.relativize(p).toString().replace('\\', '/')));
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(HAND_BUILT_CLIENTS);
    }

    /**
     * What a service does with Kafka, as "topic NAME Op" / "group NAME Op": its channels (application.properties), the
     * topics docs/architecture.md says it produces (outbox relay, EventPublisher), the topics its hand-built producers
     * name ({@code Topics.X}), the gateway's pattern consumer and diagnostics' Admin client.
     */
    static Set<String> needs(Rendered r, String service) {
        Set<String> needs = new TreeSet<>();
        String props = read(Rendered.ROOT.resolve(service).resolve("src/main/resources/application.properties"));
        channels(needs, props);
        produces(service).forEach(t -> topic(needs, t, "Write"));
        for (String file : HAND_BUILT_CLIENTS) {
            if (!file.startsWith(service + "/")) {
                continue;
            }
            String source = read(Rendered.ROOT.resolve(file));
            if (file.endsWith("EventConsumer.java")) {
                gatewayConsumer(needs, source, r);
            } else if (file.endsWith("IngestProgress.java")) {
                ingestProgress(needs, source, props);
            } else {
                // A producer: the topics it names as Topics.X (its others are architecture.md's, above).
                TOPIC_REFERENCE.matcher(source).results().forEach(m -> topic(needs, topics().get(m.group(1)), "Write"));
            }
        }
        return needs;
    }

    /** The service's channels: an incoming topic is read in its group, an outgoing one written. */
    private static void channels(Set<String> needs, String props) {
        Matcher channel = CHANNEL.matcher(props);
        while (channel.find()) {
            String value = channel.group(4).strip();
            if (channel.group(3).equals("group.id")) {
                needs.add("group " + value + " Read");
            } else {
                for (String topic : value.split(",")) {
                    topic(needs, topic.strip(), channel.group(1).equals("incoming") ? "Read" : "Write");
                }
            }
        }
    }

    /** stream-gateway: subscribe(TOPICS pattern) in group px.stream.consumer.group (env PX_STREAM_CONSUMER_GROUP). */
    private static void gatewayConsumer(Set<String> needs, String source, Rendered r) {
        Pattern subscribed = Pattern.compile(javaString(source, "Pattern TOPICS = Pattern.compile\\(\"(.+)\"\\);"));
        topics().values().stream().filter(t -> subscribed.matcher(t).matches()).forEach(t -> topic(needs, t, "Read"));
        EnvironmentTest.Value set = EnvironmentTest.environment(r, container(r, "stream-gateway")).get("PX_STREAM_CONSUMER_GROUP");
        String config = read(Rendered.ROOT.resolve("stream-gateway/src/main/java/com/powerx/devhotload/stream/config/StreamConfig.java"));
        String group = set != null ? set.value() : javaString(config, "@WithDefault\\(\"([^\"]+)\"\\)\\s*String group\\(\\);");
        needs.add("group " + group + " Read");
    }

    /** diagnostics: describeTopics + listOffsets (Describe on the topics), listConsumerGroupOffsets (on the group). */
    private static void ingestProgress(Set<String> needs, String source, String props) {
        String list = javaString(source, "List<String> TOPICS = List\\.of\\(([^)]+)\\);");
        Pattern.compile("\"([^\"]+)\"").matcher(list).results().forEach(m -> needs.add("topic " + m.group(1) + " Describe"));
        String property = javaString(source, "@ConfigProperty\\(name = \"(mp\\.messaging\\.incoming\\.[\\w.-]+\\.group\\.id)\"\\)");
        String group = props.lines().filter(l -> l.startsWith(property + "=")).findFirst().orElseThrow().split("=", 2)[1];
        needs.add("group " + group.strip() + " Describe");
    }

    private static void topic(Set<String> needs, String topic, String op) {
        assertThat(topics().values()).as("a contract topic (libs/contracts Topics)").contains(topic);
        needs.add("topic " + topic + " " + op);
        needs.add("topic " + topic + " Describe");
    }

    /** docs/architecture.md, "Services": the topics in the service's "produces" column. */
    static Set<String> produces(String service) {
        String row = read(Rendered.ROOT.resolve("docs/architecture.md")).lines()
                .filter(l -> l.startsWith("| " + service + " |")).findFirst().orElseThrow(() -> new AssertionError(service));
        String produces = row.split("\\|")[4];
        Set<String> out = new TreeSet<>();
        TOPIC_NAME.matcher(produces).results().map(m -> m.group(1)).filter(topics().values()::contains).forEach(out::add);
        return out;
    }

    /** libs/contracts Topics: constant name → topic. */
    static Map<String, String> topics() {
        Map<String, String> out = new TreeMap<>();
        TOPIC_CONSTANT.matcher(read(Rendered.ROOT.resolve("libs/contracts/src/main/java/com/powerx/devhotload/contracts/Topics.java")))
                .results().forEach(m -> out.put(m.group(1), m.group(2)));
        assertThat(out).hasSize(8);
        return out;
    }

    /** One ACL rule of a KafkaUser. */
    record Acl(String type, String name, String patternType, List<String> operations) {

        /** Whether this rule allows a need ("topic NAME Op"). */
        boolean grants(String need) {
            String[] n = need.split(" ");
            boolean matches = patternType.equals("prefix") ? n[1].startsWith(name) : n[1].equals(name);
            return type.equals(n[0]) && matches && operations.contains(n[2]);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Acl> acls(GenericKubernetesResource user) {
        List<Map<String, Object>> rules = user.get("spec", "authorization", "acls");
        return rules.stream().map(rule -> {
            Map<String, Object> resource = (Map<String, Object>) rule.get("resource");
            assertThat(rule).as(user.getMetadata().getName() + ": `operations`, not the deprecated `operation`").doesNotContainKey("operation");
            return new Acl((String) resource.get("type"), (String) resource.get("name"),
                    (String) resource.getOrDefault("patternType", "literal"), (List<String>) rule.get("operations"));
        }).toList();
    }

    static String protocol(Rendered r) {
        return r.configMap("px-suite").getData().getOrDefault("PX_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
    }

    /** The Strimzi cluster px-suite's bootstrap names: its Service is {@code <cluster>-kafka-bootstrap}. */
    static String cluster(Rendered r) {
        String host = r.configMap("px-suite").getData().get("PX_KAFKA_BOOTSTRAP").replaceAll("[.:].*", "");
        assertThat(host).endsWith("-kafka-bootstrap");
        return host.substring(0, host.length() - "-kafka-bootstrap".length());
    }

    private static Map<String, GenericKubernetesResource> users(Rendered r) {
        Map<String, GenericKubernetesResource> users = new TreeMap<>();
        r.kind("KafkaUser").forEach(u -> users.put(u.getMetadata().getName(), (GenericKubernetesResource) u));
        return users;
    }

    private static SecretKeySelector secretRef(EnvVar var, String where) {
        assertThat(var).as(where + ": variable set").isNotNull();
        assertThat(var.getValue()).as(where + " " + var.getName() + ": never a literal value").isNull();
        SecretKeySelector ref = var.getValueFrom() == null ? null : var.getValueFrom().getSecretKeyRef();
        assertThat(ref).as(where + " " + var.getName() + " is a secretKeyRef").isNotNull();
        assertThat(ref.getOptional()).as(where + " " + var.getName() + ": required, or the pod would start without it").isNotEqualTo(true);
        return ref;
    }

    private static Container container(Rendered r, String service) {
        return r.workload(service).template().getSpec().getContainers().get(0);
    }

    /** The first group of a pattern in a Java source, with the source's string escapes undone. */
    private static String javaString(String source, String regex) {
        Matcher m = Pattern.compile(regex).matcher(source);
        assertThat(m.find()).as("source still has " + regex).isTrue();
        return m.group(1).replace("\\\\", "\\");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
