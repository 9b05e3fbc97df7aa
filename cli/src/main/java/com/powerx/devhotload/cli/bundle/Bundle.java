package com.powerx.devhotload.cli.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The plugin's files as the server sees them (content-addressed), and what scanning found wrong with the folder. */
public record Bundle(List<BundleFile> files, List<LintProblem> problems) {

    public long totalBytes() {
        return files.stream().mapToLong(BundleFile::size).sum();
    }

    public boolean contains(String path) {
        return files.stream().anyMatch(f -> f.path().equals(path));
    }

    /** path → sha256, sorted by path. */
    public Map<String, String> hashes() {
        Map<String, String> hashes = new TreeMap<>();
        files.forEach(f -> hashes.put(f.path(), f.sha256()));
        return hashes;
    }

    /** The distinct blobs, one file per hash (the server stores each content once). */
    public Map<String, BundleFile> blobs() {
        Map<String, BundleFile> blobs = new LinkedHashMap<>();
        files.forEach(f -> blobs.putIfAbsent(f.sha256(), f));
        return blobs;
    }

    /** {@code [{path, sha256, size}]} as register and reload take it. */
    public ArrayNode fileRefs() {
        ArrayNode refs = JsonNodeFactory.instance.arrayNode();
        files.forEach(f -> refs.addObject().put("path", f.path()).put("sha256", f.sha256()).put("size", f.size()));
        return refs;
    }

    /** {@code sha256:<hex>} over the sorted (path, hash) list: the same files always give the same build hash. */
    public String buildHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            hashes().forEach((path, sha) -> digest.update((path + "\0" + sha + "\n").getBytes(StandardCharsets.UTF_8)));
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The paths whose content differs between {@code before} and this bundle: added, changed or removed. */
    public Set<String> changedSince(Map<String, String> before) {
        Map<String, String> now = hashes();
        Set<String> changed = new TreeSet<>();
        now.forEach((path, sha) -> {
            if (!sha.equals(before.get(path))) {
                changed.add(path);
            }
        });
        before.keySet().stream().filter(path -> !now.containsKey(path)).forEach(changed::add);
        return changed;
    }
}
