package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.config.ClientCertificates;
import com.powerx.devhotload.cli.output.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code px-plugin auth configure --cert C --key K [--ca CA]}: stores mTLS client credentials under {@code ~/.powerx/tls} (0600). */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Client credentials.", subcommands = AuthCommand.Configure.class)
public final class AuthCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name a subcommand: configure");
    }

    /** {@code auth configure}. */
    @Command(name = "configure", mixinStandardHelpOptions = true, description = "Store a PEM client certificate and PKCS#8 key for mTLS.")
    public static final class Configure extends Subcommand implements Callable<Integer> {

        @Option(names = "--cert", required = true, paramLabel = "C", description = "PEM client certificate (chain).")
        Path cert;

        @Option(names = "--key", required = true, paramLabel = "K", description = "PEM PKCS#8 private key.")
        Path key;

        @Option(names = "--ca", paramLabel = "CA", description = "PEM CA certificate(s) to trust for the servers.")
        Path ca;

        @Override
        public Integer call() {
            ClientCertificates certificates = ctx().certificates();
            ClientCertificates.Identity identity = certificates.configure(cert, key, ca, ctx().printer()::warn);
            ctx().printer().event(Event.of("configured").message("client certificate " + identity.leaf().getSubjectX500Principal().getName()
                    + " valid until " + identity.leaf().getNotAfter().toInstant() + " stored in " + ctx().home().tlsDir()));
            return Exit.OK;
        }
    }
}
