package com.powerx.devhotload.masking.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which short command-line flags carry a password, per command, from each tool's manual. A flag only counts for
 * its command: {@code -p} is a password for {@code sshpass} and {@code mongo} but a port for {@code ssh} and a
 * database name in {@code mysql -p db}.
 */
final class CommandFlags {

    /** How a flag carries its password. */
    enum Carrier {
        /** {@code -p secret}. */
        NEXT,
        /** {@code -psecret}, {@code /p:secret}. */
        ATTACHED,
        /** Either of the above ({@code sshpass -p x}, {@code sshpass -px}, {@code sshpass -p'x'}). */
        NEXT_OR_ATTACHED,
        /** {@code -u user:secret}. */
        AFTER_COLON,
        /** {@code -U user%secret} (Samba). */
        AFTER_PERCENT,
        /** {@code -u user,secret} (lftp). */
        AFTER_COMMA,
        /** {@code -passin pass:secret} (OpenSSL). */
        PASS_PREFIX,
        /** {@code -p secret}, only in a {@code login} sub-command. */
        LOGIN_NEXT
    }

    /** A password flag of a command. */
    record Flag(String name, Carrier carrier) {
    }

    private static final Map<String, List<Flag>> BY_COMMAND = new HashMap<>();

    static {
        put(List.of("sshpass"), flag("-p", Carrier.NEXT_OR_ATTACHED));
        put(List.of("mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlshow", "mysqlcheck", "mysqlsh",
                "mariadb", "mariadb-dump", "mariadb-admin"), flag("-p", Carrier.ATTACHED));
        put(List.of("mongo", "mongosh", "mongodump", "mongorestore", "mongoexport", "mongoimport", "mongostat",
                "mongotop", "mongofiles"), flag("-p", Carrier.NEXT));
        put(List.of("redis-cli", "keydb-cli"), flag("-a", Carrier.NEXT));
        put(List.of("ldapsearch", "ldapmodify", "ldapadd", "ldapdelete", "ldapwhoami", "ldappasswd", "ldapcompare",
                "ldapmodrdn", "ldapexop"), flag("-w", Carrier.NEXT));
        put(List.of("curl"), flag("-u", Carrier.AFTER_COLON), flag("--user", Carrier.AFTER_COLON),
                flag("-U", Carrier.AFTER_COLON), flag("--proxy-user", Carrier.AFTER_COLON),
                flag("--oauth2-bearer", Carrier.NEXT));
        put(List.of("openssl"), flag("-pass", Carrier.PASS_PREFIX), flag("-passin", Carrier.PASS_PREFIX),
                flag("-passout", Carrier.PASS_PREFIX), flag("-k", Carrier.NEXT));
        put(List.of("sqlcmd", "bcp", "isql", "osql"), flag("-P", Carrier.NEXT_OR_ATTACHED));
        put(List.of("ipmitool"), flag("-P", Carrier.NEXT));
        put(List.of("zip", "unzip", "zipcloak"), flag("-P", Carrier.NEXT), flag("--password", Carrier.NEXT));
        put(List.of("7z", "7za", "7zr", "rar", "unrar"), flag("-p", Carrier.ATTACHED));
        put(List.of("plink", "pscp", "psftp", "putty"), flag("-pw", Carrier.NEXT));
        put(List.of("smbclient", "smbmap", "rpcclient"), flag("-U", Carrier.AFTER_PERCENT),
                flag("--user", Carrier.AFTER_PERCENT));
        put(List.of("rdesktop"), flag("-p", Carrier.NEXT));
        put(List.of("xfreerdp", "wlfreerdp"), flag("/p:", Carrier.ATTACHED));
        put(List.of("lftp"), flag("-u", Carrier.AFTER_COMMA));
        put(List.of("docker", "podman", "nerdctl", "helm", "buildah", "skopeo", "oras", "crane", "az", "oc", "cf",
                "regctl"), flag("-p", Carrier.LOGIN_NEXT));
    }

    private CommandFlags() {
    }

    /** The password flags of {@code command} (lower case), or an empty list. */
    static List<Flag> of(String command) {
        return BY_COMMAND.getOrDefault(command, List.of());
    }

    /** Every command with password flags, plus those handled by position ({@link CommandLineSecrets}). */
    static List<String> commands() {
        List<String> all = new java.util.ArrayList<>(BY_COMMAND.keySet());
        all.addAll(CommandLineSecrets.POSITIONAL);
        all.sort(null);
        return all;
    }

    private static void put(List<String> commands, Flag... flags) {
        for (String c : commands) {
            BY_COMMAND.put(c, List.of(flags));
        }
    }

    private static Flag flag(String name, Carrier carrier) {
        return new Flag(name, carrier);
    }
}
