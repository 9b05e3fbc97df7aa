package com.powerx.devhotload.masking.corpus;

import com.powerx.devhotload.masking.corpus.SecretClassCorpus.Generated;
import com.powerx.devhotload.masking.corpus.SecretClassCorpus.SecretClass;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Secret classes defined by where the secret sits rather than by its shape: passwords on command lines, Kubernetes
 * Secret data, .netrc entries, webhook URLs, Heroku keys under Heroku-named keys, base64-wrapped private keys. Personal
 * data and header layouts the first corpus lacked are in {@link EncodedAndPersonalSecrets}.
 */
final class ContextualSecrets {

    /** One template: a layout name and a function from a token source to a case. */
    record Template(String layout, Function<Tokens, Generated> make) {
    }

    private static final String SHELL_SAFE = Tokens.ALNUM + "!#%-_.";

    private ContextualSecrets() {
    }

    static List<SecretClass> classes(int perTemplate) {
        List<SecretClass> l = new ArrayList<>();
        l.add(of("cli-password-flag", "cli-password", perTemplate, cliPasswords()));
        l.add(of("sshpass", "cli-password", perTemplate, sshpass()));
        l.add(of("k8s-secret-data", "k8s-secret-data", perTemplate, K8sSecretSamples.templates()));
        l.add(of("netrc-password", "netrc-password", perTemplate, netrc()));
        l.add(of("heroku-api-key-uuid", "heroku-api-key", perTemplate, herokuUuid()));
        l.add(of("webhook-url", "webhook-url", perTemplate, webhooks()));
        l.add(of("base64-private-key", "base64-private-key", perTemplate, K8sSecretSamples.base64Keys()));
        l.addAll(EncodedAndPersonalSecrets.classes(perTemplate));
        return l;
    }

    static SecretClass of(String name, String rule, int n, List<Template> templates) {
        return new SecretClass(name, rule, t -> {
            List<Generated> out = new ArrayList<>();
            for (Template tpl : templates) {
                for (int i = 0; i < n; i++) {
                    out.add(tpl.make().apply(t));
                }
            }
            return out;
        });
    }

    static Template tpl(String layout, Function<Tokens, Generated> make) {
        return new Template(layout, make);
    }

    /** A password that survives a shell unquoted. */
    static String pw(Tokens t) {
        return t.mixed(SHELL_SAFE, t.between(10, 20));
    }

    private static List<Template> cliPasswords() {
        return List.of(
                tpl("mongo", t -> cmd(t, "$ mongo -u admin -p ", " --authenticationDatabase admin")),
                tpl("mongosh", t -> cmd(t, "mongosh \"mongodb://db.internal:27017/app\" -u app -p '", "'")),
                tpl("mongodump", t -> cmd(t, "mongodump --host db -u backup -p ", " --out /backups/2026-11-22")),
                tpl("az-login", t -> cmd(t, "az login --service-principal -u " + t.uuid() + " -p ", " --tenant " + t.uuid())),
                tpl("oc-login", t -> cmd(t, "oc login https://api.ocp.internal:6443 -u developer -p ", " --insecure-skip-tls-verify")),
                tpl("cf-login", t -> cmd(t, "cf login -a https://api.cf.internal -u ci -p ", " -o org -s dev")),
                tpl("sqlcmd", t -> cmd(t, "sqlcmd -S tcp:db.internal,1433 -U sa -P '", "' -Q \"SELECT 1\"")),
                tpl("ipmitool", t -> cmd(t, "ipmitool -I lanplus -H 10.0.4.5 -U admin -P ", " chassis power status")),
                tpl("zip", t -> cmd(t, "zip -P ", " backup.zip dump.sql")),
                tpl("7z", t -> cmd(t, "7z a -p", " -mhe=on backup.7z dump.sql")),
                tpl("plink", t -> cmd(t, "plink -ssh root@10.0.4.7 -pw ", " uptime")),
                tpl("smbclient", t -> cmd(t, "smbclient //fs.internal/share -U svc-backup%", " -c 'ls'")),
                tpl("lftp", t -> cmd(t, "lftp -u deploy,", " sftp://files.internal")),
                tpl("glued-long-flag", t -> cmd(t, "./migrate --host db.internal --" + t.pick("dbpass", "rootpass",
                        "adminpass", "dbpw", "adminpw") + "=", " --dry-run")),
                tpl("glued-long-flag-space", t -> cmd(t, "/opt/app/bin/setup --" + t.pick("dbpass", "adminpw",
                        "mysqlpass") + " ", " --yes")),
                tpl("htpasswd", t -> cmd(t, "htpasswd -bc /etc/nginx/.htpasswd admin ", "")),
                tpl("sqlplus", t -> cmd(t, "sqlplus -s scott/", "@//ora.internal:1521/ORCLPDB1 @report.sql")),
                tpl("mysql-attached", t -> cmd(t, "mysql -uroot -p", " -e \"show databases\"")),
                tpl("redis-cli", t -> cmd(t, "redis-cli -h cache.internal -a ", " --no-auth-warning ping")),
                tpl("xfreerdp", t -> cmd(t, "xfreerdp /u:admin /p:", " /v:10.0.4.9")),
                tpl("rdesktop", t -> cmd(t, "rdesktop -u administrator -p ", " 10.0.4.9")),
                tpl("ldapwhoami", t -> cmd(t, "ldapwhoami -x -H ldap://ldap.internal -D cn=admin,dc=px -w ", "")),
                tpl("openssl", t -> cmd(t, "openssl pkcs12 -export -in tls.crt -inkey tls.key -passout pass:", " -out tls.p12")),
                tpl("registry-login", t -> cmd(t, "skopeo login -u robot -p ", " registry.internal")),
                tpl("in-json", t -> cmd(t, "{\"level\":\"info\",\"cmd\":\"mongo -u app -p ", " app\"}")));
    }

    private static Generated cmd(Tokens t, String before, String after) {
        String p = pw(t);
        return Generated.of("cmd", before + p + after, p);
    }

    private static List<Template> sshpass() {
        return List.of(
                tpl("single-quoted", t -> cmd(t, "sshpass -p '", "' ssh -o StrictHostKeyChecking=no deploy@10.0.4.3")),
                tpl("double-quoted-attached", t -> cmd(t, "sshpass -p\"", "\" scp dump.sql backup@10.0.4.3:/srv")),
                tpl("single-quoted-attached", t -> cmd(t, "sshpass -p'", "' rsync -a ./dist web@10.0.4.3:/var/www")),
                tpl("attached", t -> cmd(t, "sshpass -p", " ssh root@10.0.4.3 uptime")),
                tpl("spaced", t -> cmd(t, "sudo sshpass -p ", " ssh -p 2222 admin@10.0.4.3")),
                tpl("env", t -> {
                    String p = pw(t); // the variable holds the password: a key/value pair, not a flag
                    return Generated.ruled("env", "generic-secret-kv", "SSHPASS='" + p + "' sshpass -e ssh deploy@10.0.4.3", p);
                }),
                tpl("bash-c", t -> cmd(t, "bash -c \"sshpass -p ", " ssh root@10.0.4.3 'systemctl restart app'\"")),
                tpl("json-log", t -> cmd(t, "{\"task\":\"deploy\",\"command\":\"/usr/bin/sshpass -p ", " ssh ops@10.0.4.3\"}")),
                tpl("history", t -> cmd(t, "  512  sshpass -p ", " ssh -t pi@10.0.4.21")));
    }

    private static List<Template> netrc() {
        return List.of(
                tpl("heroku", t -> {
                    String k = t.uuid();
                    return Generated.of("heroku", "machine api.heroku.com\n  login ops@example.com\n  password " + k
                            + "\nmachine git.heroku.com\n  login ops@example.com\n  password " + k, k);
                }),
                tpl("one-line", t -> {
                    String p = pw(t);
                    return Generated.of("one-line", "machine ftp.example.org login deploy password " + p, p);
                }),
                tpl("default", t -> {
                    String p = pw(t);
                    return Generated.of("default", "machine files.internal\nlogin backup\npassword " + p
                            + "\ndefault login anonymous password guest", p);
                }));
    }

    private static List<Template> herokuUuid() {
        return List.of(
                tpl("env", t -> uuid(t, "HEROKU_KEY=", "")),
                tpl("yaml", t -> uuid(t, "deploy:\n  heroku_token: ", "\n  app: px-staging")),
                tpl("json", t -> uuid(t, "{\"herokuAuth\": \"", "\", \"app\": \"px-staging\"}")),
                tpl("prose-key", t -> uuid(t, "heroku auth = ", "")),
                tpl("config", t -> uuid(t, "heroku.apikey => '", "'")));
    }

    private static Generated uuid(Tokens t, String before, String after) {
        String k = t.uuid();
        return Generated.of("uuid", before + k + after, k);
    }

    private static List<Template> webhooks() {
        return List.of(
                tpl("discord", t -> {
                    String p = t.digits(18) + "/" + t.base64Url(68);
                    return Generated.of("discord", "DISCORD_HOOK=https://discord.com/api/webhooks/" + p, p);
                }),
                tpl("discordapp-json", t -> {
                    String p = t.digits(18) + "/" + t.base64Url(68);
                    return Generated.of("discordapp", "{\"notify\": \"https://discordapp.com/api/webhooks/" + p + "\"}", p);
                }),
                tpl("teams", t -> {
                    String p = t.uuid() + "@" + t.uuid() + "/IncomingWebhook/" + t.hex(32) + "/" + t.uuid();
                    return Generated.of("teams", "curl -X POST https://pxcorp.webhook.office.com/webhookb2/" + p
                            + " -d @card.json", p);
                }),
                tpl("zapier", t -> {
                    String p = t.digits(7) + "/" + t.chars(Tokens.LOWER + Tokens.DIGITS, 8) + "/";
                    String secret = p.substring(0, p.length() - 1);
                    return Generated.of("zapier", "POST https://hooks.zapier.com/hooks/catch/" + p + " 200", secret);
                }));
    }
}
