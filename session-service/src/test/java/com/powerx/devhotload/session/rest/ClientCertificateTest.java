package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.security.ClientCertificate;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity rules of a verified chain, without TLS: O is the tenant, CN the developer, the dates are checked again. */
class ClientCertificateTest {

    @Test
    void subjectOrganisationIsTheTenantAndCommonNameTheDeveloper() throws Exception {
        assertThat(ClientCertificate.of(chain(TestPki.GOOD), Instant.now())).isEqualTo(new ClientCertificate("acme", "dev-alice"));
    }

    @Test
    void anExpiredCertificateNeverIdentifiesAnyone() throws Exception {
        assertThatThrownBy(() -> ClientCertificate.of(chain(TestPki.EXPIRED), Instant.now()))
                .isInstanceOf(ApiException.class).hasMessageContaining("expired");
        // Even a valid certificate stops identifying its holder once its dates have passed.
        Instant nextMonth = Instant.now().plus(Duration.ofDays(30));
        assertThatThrownBy(() -> ClientCertificate.of(chain(TestPki.GOOD), nextMonth)).isInstanceOf(ApiException.class);
    }

    @Test
    void aSubjectWithoutOrganisationIsRefused() throws Exception {
        assertThatThrownBy(() -> ClientCertificate.of(chain(TestPki.NO_ORG), Instant.now()))
                .isInstanceOf(ApiException.class).hasMessageContaining("O (tenant)");
    }

    private static Certificate[] chain(String name) throws Exception {
        try (InputStream in = Files.newInputStream(TestPki.dir().resolve(name + ".crt"))) {
            return new Certificate[]{CertificateFactory.getInstance("X.509").generateCertificate(in)};
        }
    }
}
