package com.powerx.devhotload.cli.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.api.ApiClient;
import com.powerx.devhotload.cli.api.ApiClient.Call;
import com.powerx.devhotload.cli.api.Auth;
import com.powerx.devhotload.cli.config.DevSession;
import com.powerx.devhotload.cli.config.Endpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends the buffered telemetry files to telemetry-ingest ({@code POST /internal/dev/telemetry}); a file is deleted
 * only once the ingest accepted it, so an outage loses nothing and the next flush replays it.
 */
public final class TelemetryFlusher {

    private static final int BATCH = 500;
    private final Path dir;
    private final ApiClient client;
    private final Endpoints endpoints;
    private final Supplier<Optional<DevSession>> session;

    public TelemetryFlusher(Path dir, ApiClient client, Endpoints endpoints, Supplier<Optional<DevSession>> session) {
        this.dir = dir;
        this.client = client;
        this.endpoints = endpoints;
        this.session = session;
    }

    /** What one flush did. */
    public record Result(int sent, int rejected, int kept) {
    }

    /** Sends every pending file; a file the ingest could not take is put back for the next flush. */
    public synchronized Result flush() {
        int sent = 0;
        int rejected = 0;
        int kept = 0;
        CliException failure = null;
        for (Path pending : pendingFiles()) {
            Path claimed = claim(pending);
            if (claimed == null) {
                continue;
            }
            List<JsonNode> events = read(claimed);
            try {
                int[] counts = send(events);
                sent += counts[0];
                rejected += counts[1];
                Files.deleteIfExists(claimed);
            } catch (CliException | IOException e) {
                kept += events.size();
                putBack(claimed);
                if (e instanceof CliException cli && failure == null) {
                    failure = cli;
                }
            }
        }
        if (failure != null && sent == 0) {
            throw failure;
        }
        return new Result(sent, rejected, kept);
    }

    private int[] send(List<JsonNode> events) {
        int sent = 0;
        int rejected = 0;
        for (Map.Entry<String, List<JsonNode>> group : bySession(events).entrySet()) {
            List<JsonNode> list = group.getValue();
            for (int from = 0; from < list.size(); from += BATCH) {
                ObjectNode body = ApiClient.JSON.createObjectNode();
                ArrayNode array = body.putArray("events");
                list.subList(from, Math.min(list.size(), from + BATCH)).forEach(array::add);
                try {
                    JsonNode data = client.call(Call.postJson(Endpoints.at(endpoints.telemetry(), "/internal/dev/telemetry"),
                            auth(group.getKey()), body)).data();
                    rejected += data.path("rejected").size();
                    sent += array.size() - data.path("rejected").size();
                } catch (CliException e) {
                    // A 400 means these events can never be taken; anything else (down, 401, 5xx) keeps them.
                    if (e.exitCode() == Exit.API && "DEV_BAD_REQUEST".equals(e.errorCode())) {
                        rejected += array.size();
                    } else {
                        throw e;
                    }
                }
            }
        }
        return new int[]{sent, rejected};
    }

    // The reload token may name only its own session, so events are sent per session with the matching credentials.
    private Auth auth(String sessionId) {
        Optional<DevSession> cached = session.get();
        if (endpoints.token() == null && cached.isPresent() && cached.get().sessionId().equals(sessionId)) {
            return Auth.session(sessionId, cached.get().reloadToken());
        }
        return Auth.developer(endpoints.token());
    }

    private static Map<String, List<JsonNode>> bySession(List<JsonNode> events) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode event : events) {
            groups.computeIfAbsent(event.path("sessionId").asText(""), k -> new ArrayList<>()).add(event);
        }
        return groups;
    }

    private List<Path> pendingFiles() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "pending-*.ndjson")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            return files;
        }
        files.sort(null);
        return files;
    }

    // Renaming claims the file: this process's next append creates a fresh pending file instead of growing this one.
    private Path claim(Path pending) {
        Path claimed = pending.resolveSibling("sending-" + UUID.randomUUID() + ".ndjson");
        try {
            Files.move(pending, claimed);
            return claimed;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private void putBack(Path claimed) {
        try {
            Files.move(claimed, claimed.resolveSibling("pending-0-" + UUID.randomUUID() + ".ndjson"));
        } catch (IOException ignored) {
            // left as sending-*: recovered by the next flush below
        }
    }

    private static List<JsonNode> read(Path file) {
        List<JsonNode> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        events.add(ApiClient.JSON.readTree(line));
                    } catch (IOException torn) {
                        // a line torn by a crash mid-append: skip it, keep the rest
                    }
                }
            }
        } catch (IOException e) {
            return events;
        }
        return events;
    }

    /** Files left as {@code sending-*} by a CLI that died mid-flush become pending again. */
    public void recoverAbandoned() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "sending-*.ndjson")) {
            for (Path file : entries) {
                if (Files.getLastModifiedTime(file).toMillis() < System.currentTimeMillis() - 60_000) {
                    putBack(file);
                }
            }
        } catch (IOException ignored) {
            // nothing to recover
        }
    }
}
