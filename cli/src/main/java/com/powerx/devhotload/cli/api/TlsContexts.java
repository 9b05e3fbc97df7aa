package com.powerx.devhotload.cli.api;

import com.powerx.devhotload.cli.config.ClientCertificates.Identity;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/** An {@link SSLContext} that presents the developer's client certificate and, if a CA was given, trusts only it. */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SSLContext of(Identity identity) {
        try {
            char[] password = new char[0];
            // An in-memory PKCS12 store: the key never touches the disk outside ~/.powerx/tls.
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, password);
            keys.setKeyEntry("client", identity.key(), password, identity.chain().toArray(Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);

            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (identity.trusted().isEmpty()) {
                trustManagers.init((KeyStore) null);
            } else {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, password);
                for (int i = 0; i < identity.trusted().size(); i++) {
                    trust.setCertificateEntry("ca-" + i, identity.trusted().get(i));
                }
                trustManagers.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS context from the client certificate: " + e.getMessage(), e);
        }
    }
}
