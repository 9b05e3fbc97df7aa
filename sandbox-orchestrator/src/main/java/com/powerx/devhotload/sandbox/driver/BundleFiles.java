package com.powerx.devhotload.sandbox.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of a materialised version directory, as the kubernetes driver sends them. */
final class BundleFiles {

    private BundleFiles() {
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
