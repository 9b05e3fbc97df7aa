package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.powerx.devhotload.devstack.KafkaNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The prod overlay's Strimzi KafkaUsers (deploy/k8s/components/kafka-scram-tls/kafka-users.yaml) made real on the
 * suite's broker: each becomes a SCRAM-SHA-512 user with exactly its {@code spec.authorization.acls}, and the broker
 * enforces them (libs/devstack KafkaBrokerProcess runs the StandardAuthorizer). Each service of the suite logs in as
 * its own user, so a grant missing from the manifests fails the e2e tests the way it would fail in prod — an
 * authorization error in that service's log and its part of the loop not working.
 */
final class KafkaUsers {

    private static final Path USERS = Path.of("deploy/k8s/components/kafka-scram-tls/kafka-users.yaml");

    /** One KafkaUser: its name, the password given to it here, and its ACLs. */
    record User(String name, String password, List<AclBinding> acls) {

        String jaasConfig() {
            return KafkaNode.SaslListener.scramJaasConfig(name, password);
        }
    }

    private KafkaUsers() {
    }

    /** The KafkaUsers of the manifests, by name ({@code px-kafka-<service>}). */
    static Map<String, User> read(Path repoRoot) throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> documents = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(repoRoot.resolve(USERS).toFile())) {
            while (documents.hasNext()) {
                JsonNode user = documents.next();
                if (user == null || !"KafkaUser".equals(user.path("kind").asText())) {
                    continue;
                }
                String name = user.at("/metadata/name").asText();
                List<AclBinding> acls = new ArrayList<>();
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    ResourcePattern resource = new ResourcePattern(
                            ResourceType.valueOf(acl.at("/resource/type").asText().toUpperCase(Locale.ROOT)),
                            acl.at("/resource/name").asText(),
                            "prefix".equals(acl.at("/resource/patternType").asText("literal")) ? PatternType.PREFIXED : PatternType.LITERAL);
                    for (JsonNode operation : acl.path("operations")) {
                        acls.add(new AclBinding(resource, new AccessControlEntry("User:" + name, acl.path("host").asText("*"),
                                operation(operation.asText()), AclPermissionType.ALLOW)));
                    }
                }
                users.put(name, new User(name, name + "-e2e-password", acls));
            }
        }
        return users;
    }

    /** Strimzi's operation names (Read, DescribeConfigs, IdempotentWrite) as Kafka's enum. */
    private static AclOperation operation(String strimzi) {
        return AclOperation.valueOf(strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }

    /** Adds Read on consumer group {@code group} to {@code user}'s ACLs. */
    static void allowGroup(String plainBootstrap, User user, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plainBootstrap))) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL),
                    new AccessControlEntry("User:" + user.name(), "*", AclOperation.READ, AclPermissionType.ALLOW))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Creates every user's SCRAM credential and ACLs, through the plain listener (whose clients are super users). */
    static void create(String plainBootstrap, Iterable<User> users) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plainBootstrap))) {
            List<UserScramCredentialUpsertion> credentials = new ArrayList<>();
            List<AclBinding> acls = new ArrayList<>();
            for (User user : users) {
                credentials.add(new UserScramCredentialUpsertion(user.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), user.password()));
                acls.addAll(user.acls());
            }
            admin.alterUserScramCredentials(List.copyOf(credentials)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }
}
