package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.api.Auth;
import com.powerx.devhotload.cli.api.DevApi;
import com.powerx.devhotload.cli.bundle.Bundle;
import com.powerx.devhotload.cli.bundle.BundleFile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Uploads the blobs the server lacks, each streamed from disk; answers how many bytes went up. */
final class BlobUpload {

    private static final long ASK_FIRST_ABOVE_BYTES = 256 * 1024;

    private BlobUpload() {
    }

    /** What an upload did. */
    record Result(int blobs, long bytes) {
    }

    /** Uploads {@code missing}; when null, asks the server which of {@code candidates} it lacks first. */
    static Result upload(DevApi api, Auth auth, Bundle bundle, List<String> missing, Collection<String> candidates) {
        Map<String, BundleFile> blobs = bundle.blobs();
        List<String> toSend = missing != null ? missing : candidates.isEmpty() ? List.of() : api.missing(candidates, auth);
        long bytes = 0;
        int count = 0;
        for (String sha : toSend) {
            BundleFile file = blobs.get(sha);
            if (file != null) {
                api.upload(sha, file.source(), auth);
                bytes += file.size();
                count++;
            }
        }
        return new Result(count, bytes);
    }

    /**
     * A reload's new blobs. Small ones are sent at once: a PUT of a blob the server already has is a cheap 200, cheaper
     * than the round trip of asking first, and every saved millisecond is the developer's (P9). Large ones (a re-added
     * asset, a reverted bundle file) are sent only if the server lacks them.
     */
    static Result uploadChanged(DevApi api, Auth auth, Bundle bundle, Collection<String> candidates) {
        Map<String, BundleFile> blobs = bundle.blobs();
        List<String> toSend = new ArrayList<>();
        List<String> large = new ArrayList<>();
        for (String sha : candidates) {
            BundleFile file = blobs.get(sha);
            if (file != null) {
                (file.size() <= ASK_FIRST_ABOVE_BYTES ? toSend : large).add(sha);
            }
        }
        if (!large.isEmpty()) {
            toSend.addAll(api.missing(large, auth));
        }
        return upload(api, auth, bundle, toSend, List.of());
    }
}
