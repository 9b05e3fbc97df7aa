package com.powerx.devhotload.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code PX_*} variables a service reads, derived from its source at test time (never a hard-coded list): the
 * {@code ${PX_...}} references of its application.properties and of libs/platform's defaults, the env names of its
 * {@code @ConfigMapping} interfaces (prefix + member, e.g. {@code px.dev.stream-url} → {@code PX_DEV_STREAM_URL}),
 * and every {@code PX_*} name its code mentions (System.getenv in libs/masking, the harness's variables).
 */
final class ServiceConfigSource {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(PX_[A-Z0-9_]+)(?::([^}]*))?}");
    private static final Pattern NAME = Pattern.compile("\\bPX_[A-Z0-9_]*[A-Z0-9]\\b");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile("interface\\s+(\\w+)");
    private static final Pattern MEMBER = Pattern.compile("^\\s*([\\w.<>]+)\\s+(\\w+)\\(\\);");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\(\"([^\"]*)\"\\)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"(px\\.[^\"]+)\"");

    /** A variable: where it comes from, and its default if the source gives one (empty: none). */
    record Variable(String name, Optional<String> defaultValue, boolean optional, String origin) {
    }

    final String service;
    /** Variables with a configuration role (properties and config mappings), by name. */
    final Map<String, Variable> configured = new LinkedHashMap<>();
    /** Every PX_* name the service's code and configuration mention (what a Deployment may set). */
    final Set<String> known = new TreeSet<>();

    private ServiceConfigSource(String service) {
        this.service = service;
    }

    static ServiceConfigSource of(String service) {
        ServiceConfigSource s = new ServiceConfigSource(service);
        List<Path> modules = new ArrayList<>(List.of(Rendered.ROOT.resolve(service), Rendered.ROOT.resolve("libs/platform"),
                Rendered.ROOT.resolve("libs/contracts")));
        if (read(Rendered.ROOT.resolve(service).resolve("pom.xml")).contains("<artifactId>px-masking</artifactId>")) {
            modules.add(Rendered.ROOT.resolve("libs/masking"));
        }
        // Service properties first: they win over the platform's defaults (ordinal 250 over 100).
        s.properties(Rendered.ROOT.resolve(service).resolve("src/main/resources/application.properties"));
        s.properties(Rendered.ROOT.resolve("libs/platform/src/main/resources/META-INF/microprofile-config.properties"));
        for (Path module : modules) {
            for (Path file : files(module.resolve("src/main"))) {
                String text = read(file);
                Matcher m = NAME.matcher(text);
                while (m.find()) {
                    s.known.add(m.group());
                }
                // @ConfigProperty(name = "px.admin.dev-mode") is read from PX_ADMIN_DEV_MODE as well.
                CONFIG_PROPERTY.matcher(text).results().forEach(p -> s.known.add(envName(p.group(1))));
                if (file.toString().endsWith(".java") && MAPPING.matcher(text).find()) {
                    s.mapping(text, file);
                }
            }
        }
        s.known.addAll(s.configured.keySet());
        return s;
    }

    private void properties(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.startsWith("%")) {
                continue; // comments and profile-only (%test, %dev) settings
            }
            Matcher m = REFERENCE.matcher(trimmed);
            while (m.find()) {
                String def = m.group(2);
                configured.putIfAbsent(m.group(1), new Variable(m.group(1), Optional.ofNullable(def),
                        def != null && def.isEmpty(), file.getFileName().toString()));
            }
        }
    }

    /**
     * Members of a @ConfigMapping interface and of the interfaces nested in it, as env names. Members whose
     * property application.properties already maps onto a {@code ${PX_...}} reference are covered by that reference.
     */
    private void mapping(String text, Path file) {
        Matcher prefix = MAPPING.matcher(text);
        prefix.find();
        Map<String, List<String[]>> members = new LinkedHashMap<>(); // interface → [type, name, default|null]
        String current = null;
        String pendingDefault = null;
        for (String line : text.split("\n")) {
            Matcher i = INTERFACE.matcher(line);
            if (i.find() && !line.strip().startsWith("*") && !line.strip().startsWith("/")) {
                current = i.group(1);
                members.put(current, new ArrayList<>());
                continue;
            }
            Matcher d = WITH_DEFAULT.matcher(line);
            if (d.find()) {
                pendingDefault = d.group(1);
            }
            Matcher m = MEMBER.matcher(line);
            if (current != null && m.find()) {
                members.get(current).add(new String[] {m.group(1), m.group(2), pendingDefault});
                pendingDefault = null;
            }
        }
        String top = members.keySet().iterator().next();
        expand(members, top, prefix.group(1), file);
    }

    private void expand(Map<String, List<String[]>> members, String type, String path, Path file) {
        for (String[] member : members.get(type)) {
            String key = path + "." + member[1].replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (members.containsKey(member[0])) {
                expand(members, member[0], key, file);
                continue;
            }
            String env = envName(key);
            boolean optional = member[0].startsWith("Optional") || member[0].startsWith("java.util.Optional");
            if (!mappedInProperties(key)) {
                configured.putIfAbsent(env, new Variable(env, Optional.ofNullable(member[2]), optional,
                        file.getFileName().toString()));
            }
        }
    }

    /** SmallRye Config's environment name of a property. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private boolean mappedInProperties(String key) {
        Path props = Rendered.ROOT.resolve(service).resolve("src/main/resources/application.properties");
        return Files.exists(props) && read(props).lines().anyMatch(l -> l.startsWith(key + "="));
    }

    /**
     * What a cluster deployment must set: a reference without a default, a required mapping member without one, a
     * default that only makes sense on a developer's machine (a loopback URL, a path in the build tree), and a
     * credential whose default is the local one.
     */
    Set<String> mustBeSet() {
        Set<String> out = new TreeSet<>();
        for (Variable v : configured.values()) {
            String def = v.defaultValue().orElse(null);
            if (def == null && !v.optional()) {
                out.add(v.name());
            } else if (def != null && (def.contains("127.0.0.1") || def.contains("localhost") || def.startsWith("target/"))) {
                out.add(v.name());
            } else if (def != null && !def.isEmpty() && isCredential(v.name())) {
                out.add(v.name());
            }
        }
        return out;
    }

    static boolean isCredential(String name) {
        return name.matches(".*(PASSWORD|TOKEN|SECRET|HMAC_KEY|_USER|SLACK_WEBHOOK_URL)$");
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(java|properties|ya?ml|mjs|js|py)$")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
