package com.powerx.devhotload.platform.security;

import com.powerx.devhotload.platform.api.ApiException;
import io.vertx.core.http.HttpServerRequest;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Who a verified mTLS client certificate names (CONTRACT.md §2): tenant = the subject's {@code O}, developer = its
 * {@code CN}. The TLS handshake has already checked the chain against the configured client CA; the validity dates are
 * checked here once more so an expired certificate can never identify anyone, whatever the trust manager did.
 */
public record ClientCertificate(String tenant, String developer) {

    /** The certificate the request's connection presented; empty on plain HTTP or a TLS connection without one. */
    public static Optional<ClientCertificate> of(HttpServerRequest request) {
        SSLSession session = request.isSSL() ? request.sslSession() : null;
        if (session == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty(); // client-auth "request": the client chose not to present one
        }
        if (chain == null || chain.length == 0) {
            return Optional.empty();
        }
        return Optional.of(of(chain, Instant.now()));
    }

    /** The identity of a verified chain (leaf first); 401 if any certificate is outside its dates or O/CN is missing. */
    public static ClientCertificate of(Certificate[] chain, Instant now) {
        for (Certificate certificate : chain) {
            if (!(certificate instanceof X509Certificate x509)) {
                throw ApiException.unauthorized("client certificate is not X.509");
            }
            try {
                x509.checkValidity(Date.from(now));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw ApiException.unauthorized("client certificate is expired or not yet valid");
            }
        }
        X500Principal subject = ((X509Certificate) chain[0]).getSubjectX500Principal();
        String tenant = attribute(subject, "O");
        String developer = attribute(subject, "CN");
        if (tenant == null || developer == null) {
            throw ApiException.unauthorized("client certificate subject must name O (tenant) and CN (developer)");
        }
        return new ClientCertificate(tenant, developer);
    }

    /** The single value of {@code type}; null when absent, blank or repeated (an ambiguous tenant identifies nobody). */
    private static String attribute(X500Principal subject, String type) {
        try {
            String found = null;
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    if (found != null || !(rdn.getValue() instanceof String value) || value.isBlank()) {
                        return null;
                    }
                    found = value.trim();
                }
            }
            return found;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
