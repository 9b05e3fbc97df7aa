package com.powerx.devhotload.session.service;

import com.powerx.devhotload.session.domain.Session;

import java.util.List;

/** A new session together with the only copy of its reload token that will ever leave the service. */
public record Registration(Session session, String reloadToken, List<String> missingBlobs) {
}
