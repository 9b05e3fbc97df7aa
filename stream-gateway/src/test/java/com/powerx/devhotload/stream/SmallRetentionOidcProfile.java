package com.powerx.devhotload.stream;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The cluster's auth mode, and a replay stream of only 20 events per tenant so that retention gaps are quick to make. */
public class SmallRetentionOidcProfile implements QuarkusTestProfile {

    static final int RETENTION = 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("px.auth.mode", "oidc", "px.stream.retention-limit", String.valueOf(RETENTION));
    }
}
