package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.api.Auth;
import com.powerx.devhotload.cli.api.DevApi;
import com.powerx.devhotload.cli.bundle.Bundle;
import com.powerx.devhotload.cli.bundle.BundleFile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Uploads the blobs the server lacks, each streamed from disk; answers how many bytes went up. Large blobs are asked
 * about with their sizes first: a server on object storage may then offer a pre-signed URL, and the bytes go straight
 * to the bucket (then are confirmed); otherwise, or if that URL cannot be reached, they go by the plain PUT.
 */
final class BlobUpload {

    private static final long ASK_FIRST_ABOVE_BYTES = 256 * 1024;

    private BlobUpload() {
    }

    /** What an upload did. */
    record Result(int blobs, long bytes) {
    }

    /** Uploads {@code missing}; when null, asks the server which of {@code candidates} it lacks first. */
    static Result upload(DevApi api, Auth auth, Bundle bundle, List<String> missing, Collection<String> candidates) {
        if (missing == null) {
            return candidates.isEmpty() ? new Result(0, 0) : send(api, auth, bundle, api.missing(sizes(bundle, candidates), auth));
        }
        // register named what is missing; only the large ones are worth a second question (it may bring offers).
        return uploadChanged(api, auth, bundle, missing);
    }

    /**
     * A reload's new blobs. Small ones are sent at once: a PUT of a blob the server already has is a cheap 200, cheaper
     * than the round trip of asking first, and every saved millisecond is the developer's (P9). Large ones (a re-added
     * asset, a reverted bundle file) are sent only if the server lacks them, by pre-signed URL when offered.
     */
    static Result uploadChanged(DevApi api, Auth auth, Bundle bundle, Collection<String> candidates) {
        Map<String, BundleFile> blobs = bundle.blobs();
        List<String> small = new ArrayList<>();
        List<String> large = new ArrayList<>();
        for (String sha : candidates) {
            BundleFile file = blobs.get(sha);
            if (file != null) {
                (file.size() <= ASK_FIRST_ABOVE_BYTES ? small : large).add(sha);
            }
        }
        DevApi.MissingBlobs asked = large.isEmpty() ? new DevApi.MissingBlobs(List.of(), Map.of())
                : api.missing(sizes(bundle, large), auth);
        List<String> toSend = new ArrayList<>(small);
        toSend.addAll(asked.missing());
        return send(api, auth, bundle, new DevApi.MissingBlobs(toSend, asked.uploads()));
    }

    private static Result send(DevApi api, Auth auth, Bundle bundle, DevApi.MissingBlobs plan) {
        Map<String, BundleFile> blobs = bundle.blobs();
        long bytes = 0;
        int count = 0;
        for (String sha : plan.missing()) {
            BundleFile file = blobs.get(sha);
            if (file != null) {
                DevApi.DirectUpload offer = plan.uploads().get(sha);
                if (offer == null || !sentDirectly(api, auth, sha, offer, file)) {
                    api.upload(sha, file.source(), auth);
                }
                bytes += file.size();
                count++;
            }
        }
        return new Result(count, bytes);
    }

    /**
     * The pre-signed path; false when the bucket refused or could not be reached (its endpoint may be visible only
     * inside the cluster), so the caller falls back to the PUT. A refused confirm (hash_mismatch) is the server's
     * verdict on our bytes, and is not retried another way.
     */
    private static boolean sentDirectly(DevApi api, Auth auth, String sha, DevApi.DirectUpload offer, BundleFile file) {
        try {
            api.uploadDirect(offer, file.source());
        } catch (CliException bucketFailed) {
            return false;
        }
        api.confirmUpload(sha, auth);
        return true;
    }

    private static Map<String, Long> sizes(Bundle bundle, Collection<String> hashes) {
        Map<String, BundleFile> blobs = bundle.blobs();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String sha : hashes) {
            BundleFile file = blobs.get(sha);
            if (file != null) {
                sizes.put(sha, file.size());
            }
        }
        return sizes;
    }
}
