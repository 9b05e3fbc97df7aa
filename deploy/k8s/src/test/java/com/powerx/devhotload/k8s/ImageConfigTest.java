package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The image each service's build pushes (its Jib settings in application.properties) is the image the manifests
 * deploy, and it runs as the pods' user: a renamed image, a version bumped on one side only, or another UID fails
 * here instead of as an ImagePullBackOff or a permission error on a cluster.
 */
class ImageConfigTest {

    static final java.util.List<String> VARIANTS = Rendered.VARIANTS;
    private static final Pattern PARENT_VERSION = Pattern.compile(
            "<artifactId>px-dev-hotload-parent</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyServiceDeploysTheImageItsBuildPushes(String variant) {
        Rendered r = Rendered.of(variant);
        String release = projectVersion().replace("-SNAPSHOT", "");
        for (String service : Rendered.SERVICES) {
            Properties image = imageProperties(service);
            String built = image.getProperty("quarkus.container-image.registry") + "/"
                    + image.getProperty("quarkus.container-image.group") + "/"
                    + image.getProperty("quarkus.container-image.name") + ":"
                    + image.getProperty("quarkus.container-image.tag").replace("-SNAPSHOT", "");
            var spec = r.workload(service).template().getSpec();
            var container = spec.getContainers().stream().filter(c -> c.getName().equals(service)).findFirst()
                    .orElseThrow(() -> new AssertionError(variant + ": no container " + service));
            assertThat(container.getImage()).as(variant + " " + service + ": the image its build pushes (release "
                    + release + ")").isEqualTo(built);
            assertThat(image.getProperty("quarkus.jib.user")).as(service + ": the image's user is the pods' runAsUser")
                    .isEqualTo(String.valueOf(spec.getSecurityContext().getRunAsUser()));
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void baseImageIsAPinnedJdk25Runtime(String variant) {
        Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            String base = imageProperties(service).getProperty("quarkus.jib.base-jvm-image");
            assertThat(base).as(service).isNotNull().contains("openjdk-25-runtime:");
            String tag = base.substring(base.lastIndexOf(':') + 1);
            assertThat(tag).as(service + ": " + base).matches("[0-9][0-9.\\-]*");
        }
    }

    /** The service's quarkus.container-image.* and quarkus.jib.* settings, placeholders resolved as Quarkus does. */
    static Properties imageProperties(String service) {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(Rendered.ROOT.resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            raw.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        raw.setProperty("quarkus.application.version", projectVersion());
        Properties resolved = new Properties();
        for (String key : raw.stringPropertyNames()) {
            if (key.startsWith("quarkus.container-image.") || key.startsWith("quarkus.jib.")) {
                Matcher m = PLACEHOLDER.matcher(raw.getProperty(key));
                resolved.setProperty(key, m.replaceAll(p -> Matcher.quoteReplacement(raw.getProperty(p.group(1), ""))));
            }
        }
        return resolved;
    }

    static String projectVersion() {
        try {
            Matcher m = PARENT_VERSION.matcher(Files.readString(Rendered.ROOT.resolve("pom.xml")));
            assertThat(m.find()).as("the parent's version in pom.xml").isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
