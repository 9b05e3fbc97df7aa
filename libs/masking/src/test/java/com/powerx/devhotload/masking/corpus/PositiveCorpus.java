package com.powerx.devhotload.masking.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Programmatically generated positive cases: realistic random tokens (seeded, so reproducible) placed in many
 * templates per rule — JSON, YAML, .env, properties, XML, log lines, stack traces, URLs, shell history, HTTP
 * dumps and curl commands.
 */
public final class PositiveCorpus {

    /** A template producing one case from a token source. */
    private record Template(String rule, String name, Function<Tokens, Generated> make) {
    }

    /** Text plus the secrets it contains. */
    private record Generated(String text, String... secrets) {
    }

    private static final List<String> SECRET_KEYS = List.of(
            "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "client_secret", "credentials",
            "access_key", "DB_PASSWORD", "githubToken", "x-api-key", "SPRING_DATASOURCE_PASSWORD", "app.secret",
            "auth_token", "ACCESS_TOKEN", "refreshToken", "clientSecret", "SECRET_KEY", "adminPassword",
            "db-password", "MYSQL_ROOT_PASSWORD", "POSTGRES_PASSWORD", "apiKey", "API_KEY", "Api-Key",
            "session_token", "bearerToken", "webhookSecret", "signing_key", "encryption_key", "master_key",
            "passphrase", "private_key", "keystorePassword", "smtp.password", "REDIS_PASSWORD", "vault-token",
            "consumer_secret", "jwtSecret", "PGPASSWORD", "secretKey", "accessKey", "client-secret", "AUTH_TOKEN",
            "npm_config_password", "ldap.bind.password", "oauth_token", "x-auth-token");

    private PositiveCorpus() {
    }

    /** {@code perTemplate} cases from every template, seeded. */
    public static List<CorpusCase> generate(long seed, int perTemplate) {
        Tokens t = new Tokens(seed);
        List<CorpusCase> out = new ArrayList<>();
        for (Template tpl : templates()) {
            for (int i = 0; i < perTemplate; i++) {
                Generated g = tpl.make().apply(t);
                out.add(CorpusCase.positive("gen:" + tpl.rule() + "/" + tpl.name() + "#" + i, tpl.rule(), g.text(),
                        g.secrets()));
            }
        }
        return out;
    }

    private static String ts(Tokens t) {
        return "2026-11-" + t.between(10, 28) + "T" + t.between(10, 23) + ":" + t.between(10, 59) + ":" + t.between(10, 59)
                + "." + t.digits(3) + "Z";
    }

    /** A value that can stand unquoted after any separator: starts with a letter or digit. */
    private static String value(Tokens t) {
        String v = t.password();
        return Character.isLetterOrDigit(v.charAt(0)) ? v : "k" + v;
    }

    /** A URL-safe password (RFC 3986 userinfo plus the characters people really use). */
    private static String urlPassword(Tokens t) {
        return t.pick(t.alnum(t.between(10, 24)), t.alnum(8) + "!" + t.digits(3), "P" + t.alnum(12) + "$",
                t.alnum(6) + "%40" + t.alnum(6));
    }

    private static String pem(String label, List<String> body) {
        return "-----BEGIN " + label + "-----\n" + String.join("\n", body) + "\n-----END " + label + "-----";
    }

    private static List<Template> templates() {
        List<Template> l = new ArrayList<>();

        // ---- pem-private-key
        for (String label : List.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY")) {
            l.add(new Template("pem-private-key", "raw-" + label, t -> {
                List<String> body = t.pemBody(t.between(4, 9));
                return new Generated(pem(label, body), body.toArray(String[]::new));
            }));
        }
        l.add(new Template("pem-private-key", "legacy-encrypted", t -> {
            List<String> body = t.pemBody(6);
            String text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"
                    + t.hex(32).toUpperCase() + "\n\n" + String.join("\n", body) + "\n-----END RSA PRIVATE KEY-----";
            return new Generated(text, body.toArray(String[]::new));
        }));
        l.add(new Template("pem-private-key", "pgp", t -> {
            List<String> body = t.pemBody(5);
            String text = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + String.join("\n", body) + "\n="
                    + t.base64(4) + "\n-----END PGP PRIVATE KEY BLOCK-----";
            return new Generated(text, body.toArray(String[]::new));
        }));
        l.add(new Template("pem-private-key", "json-escaped", t -> {
            List<String> body = t.pemBody(5);
            String text = "{\"tls\": {\"material\": \"-----BEGIN PRIVATE KEY-----\\n" + String.join("\\n", body)
                    + "\\n-----END PRIVATE KEY-----\\n\", \"cert\": \"/etc/tls/tls.crt\"}}";
            return new Generated(text, body.toArray(String[]::new));
        }));
        l.add(new Template("pem-private-key", "log-truncated", t -> {
            List<String> body = t.pemBody(4);
            String text = ts(t) + " ERROR [tls] failed to parse key material: -----BEGIN RSA PRIVATE KEY-----\n"
                    + String.join("\n", body.subList(0, 3));
            return new Generated(text, body.subList(0, 3).toArray(String[]::new));
        }));
        l.add(new Template("pem-private-key", "yaml-block", t -> {
            List<String> body = t.pemBody(5);
            String text = "tls:\n  cert: /etc/tls/tls.crt\n  pem: |\n    -----BEGIN EC PRIVATE KEY-----\n    "
                    + String.join("\n    ", body) + "\n    -----END EC PRIVATE KEY-----\nport: 8443";
            return new Generated(text, body.toArray(String[]::new));
        }));

        // ---- gcp-service-account
        l.add(new Template("gcp-service-account", "json-pretty", t -> {
            String id = t.hex(40);
            List<String> body = t.pemBody(5);
            String text = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"powerx-dev-" + t.digits(4)
                    + "\",\n  \"private_key_id\": \"" + id + "\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n"
                    + String.join("\\n", body) + "\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"ci@powerx-dev.iam.gserviceaccount.com\",\n  \"client_id\": \""
                    + t.digits(21) + "\"\n}";
            String[] secrets = new String[body.size() + 1];
            secrets[0] = id;
            for (int i = 0; i < body.size(); i++) {
                secrets[i + 1] = body.get(i);
            }
            return new Generated(text, secrets);
        }));
        l.add(new Template("gcp-service-account", "json-compact-log", t -> {
            String id = t.hex(40);
            return new Generated(ts(t) + " DEBUG loaded credentials {\"type\":\"service_account\",\"private_key_id\":\""
                    + id + "\",\"client_email\":\"svc@p.iam.gserviceaccount.com\"}", id);
        }));
        l.add(new Template("gcp-service-account", "json-escaped-in-log", t -> {
            String id = t.hex(40);
            return new Generated("{\"level\":\"warn\",\"msg\":\"{\\\"private_key_id\\\": \\\"" + id
                    + "\\\", \\\"type\\\": \\\"service_account\\\"}\"}", id);
        }));

        // ---- jwt
        l.add(new Template("jwt", "bearer", t -> {
            String j = t.jwt();
            return new Generated("GET /api/v1/sessions HTTP/1.1\r\nHost: api.powerx.io\r\nAuthorization: Bearer " + j
                    + "\r\nAccept: */*", j);
        }));
        l.add(new Template("jwt", "query", t -> {
            String j = t.jwt();
            return new Generated(ts(t) + " INFO GET /callback?id_token=" + j + "&state=" + t.hex(8) + " 302", j);
        }));
        l.add(new Template("jwt", "json", t -> {
            String j = t.jwt();
            return new Generated("{\"access_token\":\"" + j + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}", j);
        }));
        l.add(new Template("jwt", "cookie", t -> {
            String j = t.jwt();
            return new Generated("Cookie: theme=dark; auth=" + j, j);
        }));
        l.add(new Template("jwt", "prose", t -> {
            String j = t.jwt();
            return new Generated("WARN token validation failed for " + j + ": signature mismatch", j);
        }));

        // ---- vendor tokens
        addVendor(l, "github-token", Tokens::githubToken);
        addVendor(l, "gitlab-token", Tokens::gitlabToken);
        addVendor(l, "slack-token", Tokens::slackToken);
        addVendor(l, "stripe-key", Tokens::stripeKey);
        addVendor(l, "sendgrid", Tokens::sendgridKey);
        addVendor(l, "npm-token", Tokens::npmToken);
        addVendor(l, "pypi-token", Tokens::pypiToken);
        addVendor(l, "openai-key", Tokens::openAiKey);
        addVendor(l, "anthropic-key", Tokens::anthropicKey);
        addVendor(l, "aws-access-key-id", Tokens::awsAccessKeyId);
        addVendor(l, "gcp-api-key", Tokens::gcpApiKey);
        l.add(new Template("github-token", "git-remote", t -> {
            String g = "ghs_" + t.alnum(36);
            return new Generated("$ git remote add origin https://x-access-token:" + g + "@github.com/powerx/hotload.git", g);
        }));
        l.add(new Template("npm-token", "npmrc", t -> {
            String g = t.npmToken();
            return new Generated("//registry.npmjs.org/:_authToken=" + g + "\nalways-auth=true", g);
        }));
        l.add(new Template("pypi-token", "pypirc", t -> {
            String g = t.pypiToken();
            return new Generated("[pypi]\nusername = __token__\npassword = " + g + "\n", g);
        }));
        l.add(new Template("slack-webhook", "curl", t -> {
            String p = t.slackWebhookPath();
            return new Generated("curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy ok\"}' https://hooks.slack.com/services/" + p, p);
        }));
        l.add(new Template("slack-webhook", "env", t -> {
            String p = t.slackWebhookPath();
            return new Generated("SLACK_WEBHOOK_URL=https://hooks.slack.com/services/" + p, p);
        }));
        l.add(new Template("slack-webhook", "json", t -> {
            String p = t.slackWebhookPath();
            return new Generated("{\"notify\": {\"webhook\": \"https://hooks.slack.com/services/" + p + "\", \"channel\": \"#ops\"}}", p);
        }));
        l.add(new Template("twilio", "env", t -> {
            String s = t.twilioSid();
            return new Generated("TWILIO_ACCOUNT_SID=" + s, s);
        }));
        l.add(new Template("twilio", "log", t -> {
            String s = t.twilioSid();
            return new Generated(ts(t) + " INFO twilio client initialised account=" + s + " region=ie1", s);
        }));
        l.add(new Template("twilio", "json", t -> {
            String s = t.twilioSid();
            return new Generated("{\"provider\": \"Twilio\", \"sid\": \"" + s + "\"}", s);
        }));
        l.add(new Template("azure-storage-key", "connection-string", t -> {
            String k = t.azureStorageKey();
            return new Generated("DefaultEndpointsProtocol=https;AccountName=pxdev" + t.digits(3) + ";AccountKey=" + k
                    + ";EndpointSuffix=core.windows.net", k);
        }));
        l.add(new Template("azure-storage-key", "env-bare", t -> {
            String k = t.azureStorageKey();
            return new Generated("AZURE_STORAGE_KEY=" + k, k);
        }));
        l.add(new Template("azure-storage-key", "servicebus", t -> {
            String k = t.base64(43) + "=";
            return new Generated("Endpoint=sb://px-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + k, k);
        }));
        l.add(new Template("azure-sas", "blob-url", t -> {
            String s = t.azureSig();
            return new Generated("GET https://pxdev.blob.core.windows.net/reports/r.pdf?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&spr=https&sig=" + s + " 200", s);
        }));
        l.add(new Template("azure-sas", "sas-token", t -> {
            String s = t.azureSig();
            return new Generated("storage.sas=\"sv=2022-11-02&sr=c&sp=rl&se=2026-12-01&sig=" + s + "\"", s);
        }));
        l.add(new Template("aws-secret-key", "ini", t -> {
            String k = t.awsSecretKey();
            return new Generated("[default]\naws_access_key_id = " + t.awsAccessKeyId() + "\naws_secret_access_key = " + k
                    + "\nregion = eu-central-1", k);
        }));
        l.add(new Template("aws-secret-key", "json", t -> {
            String k = t.awsSecretKey();
            return new Generated("{\"Credentials\": {\"AccessKeyId\": \"" + t.awsAccessKeyId() + "\", \"SecretAccessKey\": \"" + k
                    + "\", \"Expiration\": \"2026-11-22T12:00:00Z\"}}", k);
        }));
        l.add(new Template("aws-secret-key", "env", t -> {
            String k = t.awsSecretKey();
            return new Generated("export AWS_SECRET_ACCESS_KEY=" + k, k);
        }));
        l.add(new Template("aws-secret-key", "csv", t -> {
            String k = t.awsSecretKey();
            return new Generated("User name,Access key ID,Secret access key\nci-bot," + t.awsAccessKeyId() + "," + k, k);
        }));

        // ---- db-connection-string
        l.add(new Template("db-connection-string", "postgres", t -> {
            String p = urlPassword(t);
            return new Generated("DATABASE_URL=postgres://app:" + p + "@db.internal:5432/sessions?sslmode=require", p);
        }));
        l.add(new Template("db-connection-string", "mysql-log", t -> {
            String p = urlPassword(t);
            return new Generated(ts(t) + " INFO connecting to mysql://root:" + p + "@10.0.3.7:3306/app", p);
        }));
        l.add(new Template("db-connection-string", "mongodb-srv", t -> {
            String p = urlPassword(t);
            return new Generated("mongodb+srv://svc-" + t.firstName().replace(".", "") + ":" + p + "@cluster0.ab1cd.mongodb.net/prod?retryWrites=true&w=majority", p);
        }));
        l.add(new Template("db-connection-string", "redis-empty-user", t -> {
            String p = urlPassword(t);
            return new Generated("spring.redis.url=redis://:" + p + "@cache:6379/0", p);
        }));
        l.add(new Template("db-connection-string", "jdbc-query", t -> {
            String p = urlPassword(t);
            return new Generated("jdbc:postgresql://db:5432/app?user=app&password=" + p + "&ssl=true", p);
        }));
        l.add(new Template("db-connection-string", "jdbc-sqlserver", t -> {
            String p = urlPassword(t);
            return new Generated("url: jdbc:sqlserver://sql.internal:1433;databaseName=app;user=sa;password=" + p + ";encrypt=true", p);
        }));
        l.add(new Template("db-connection-string", "ado", t -> {
            String p = urlPassword(t);
            return new Generated("\"ConnectionStrings\": {\"Default\": \"Server=tcp:px.database.windows.net,1433;Initial Catalog=app;User ID=app;Password="
                    + p + ";Encrypt=True;\"}", p);
        }));
        l.add(new Template("db-connection-string", "oracle-thin", t -> {
            String p = urlPassword(t);
            return new Generated("jdbc:oracle:thin:scott/" + p + "@//ora.internal:1521/ORCLPDB1", p);
        }));
        l.add(new Template("db-connection-string", "amqp", t -> {
            String p = urlPassword(t);
            return new Generated("RABBITMQ_URL=amqps://events:" + p + "@mq.internal:5671/vhost", p);
        }));

        // ---- url-credentials
        l.add(new Template("url-credentials", "https", t -> {
            String p = urlPassword(t);
            return new Generated("$ git clone https://deploy:" + p + "@git.example.com/org/repo.git", p);
        }));
        l.add(new Template("url-credentials", "ftp", t -> {
            String p = urlPassword(t);
            return new Generated(ts(t) + " INFO uploading report to ftp://reports:" + p + "@ftp.example.com/out/", p);
        }));
        l.add(new Template("url-credentials", "smtp", t -> {
            String p = urlPassword(t);
            return new Generated("MAIL_URL=smtp://mailer:" + p + "@smtp.example.com:587", p);
        }));
        l.add(new Template("url-credentials", "proxy", t -> {
            String p = urlPassword(t);
            return new Generated("export https_proxy=http://proxyuser:" + p + "@proxy.corp:3128", p);
        }));
        l.add(new Template("url-credentials", "token-user", t -> {
            String p = t.alnum(40);
            return new Generated("pip install git+https://" + p + "@github.com/powerx/private-lib.git", p);
        }));

        // ---- auth-header
        l.add(new Template("auth-header", "bearer", t -> {
            String p = t.base64Url(t.between(32, 64));
            return new Generated("Authorization: Bearer " + p, p);
        }));
        l.add(new Template("auth-header", "proxy-basic", t -> {
            String p = t.basicCredential(t.firstName(), value(t));
            return new Generated("Proxy-Authorization: Basic " + p, p);
        }));
        l.add(new Template("auth-header", "curl-token", t -> {
            String p = t.hex(40);
            return new Generated("curl -sS -H 'Authorization: token " + p + "' https://api.example.com/repos", p);
        }));
        l.add(new Template("auth-header", "json", t -> {
            String p = t.base64Url(40);
            return new Generated("{\"headers\": {\"Accept\": \"application/json\", \"Authorization\": \"Bearer " + p + "\"}}", p);
        }));
        l.add(new Template("auth-header", "python", t -> {
            String p = t.base64Url(40);
            return new Generated("requests.get(url, headers={'Authorization': 'Bearer " + p + "'})", p);
        }));
        l.add(new Template("auth-header", "digest", t -> {
            String nonce = t.hex(32);
            String resp = t.hex(32);
            return new Generated("Authorization: Digest username=\"bob\", realm=\"api\", nonce=\"" + nonce
                    + "\", uri=\"/v1/items\", qop=auth, nc=00000001, cnonce=\"" + t.hex(8) + "\", response=\"" + resp + "\"", nonce, resp);
        }));
        l.add(new Template("auth-header", "bare-basic", t -> {
            String p = t.basicCredential("svc-" + t.firstName().replace(".", ""), value(t));
            return new Generated(ts(t) + " DEBUG retrying with credentials Basic " + p, p);
        }));
        l.add(new Template("auth-header", "aws4", t -> {
            String sig = t.hex(64);
            return new Generated("Authorization: AWS4-HMAC-SHA256 Credential=" + t.awsAccessKeyId()
                    + "/20261122/eu-central-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + sig, sig);
        }));
        l.add(new Template("auth-header", "kv", t -> {
            String p = t.base64Url(40);
            return new Generated(ts(t) + " DEBUG outbound request method=GET authorization=\"Bearer " + p + "\" status=401", p);
        }));

        // ---- cookie
        l.add(new Template("cookie", "request", t -> {
            String a = t.alnum(32);
            String b = t.alnum(32);
            return new Generated("Cookie: sessionid=" + a + "; csrftoken=" + b + "; theme=dark", a, b);
        }));
        l.add(new Template("cookie", "set-cookie", t -> {
            String a = t.hex(32).toUpperCase();
            return new Generated("HTTP/1.1 200 OK\r\nSet-Cookie: JSESSIONID=" + a + "; Path=/; Secure; HttpOnly\r\nContent-Length: 0", a);
        }));
        l.add(new Template("cookie", "curl", t -> {
            String a = t.base64Url(40);
            return new Generated("curl --cookie \"remember_token=" + a + "\" https://app.example.com/dashboard", a);
        }));
        l.add(new Template("cookie", "json", t -> {
            String a = t.alnum(48);
            return new Generated("{\"request\": {\"headers\": {\"cookie\": \"_px_session=" + a + "; _ga=GA1.2.3\"}}}", a);
        }));

        // ---- generic-secret-kv: every key style in every syntax
        l.add(kv("json", (k, v) -> "{\"user\": \"bob\", \"" + k + "\": \"" + v + "\", \"retries\": 3}"));
        l.add(kv("yaml", (k, v) -> "datasource:\n  url: jdbc:postgresql://db/app\n  " + k + ": " + v + "\n  pool: 10"));
        l.add(kv("yaml-quoted", (k, v) -> k + ": \"" + v + "\""));
        l.add(kv("dotenv", (k, v) -> k + "=" + v));
        l.add(kv("export", (k, v) -> "export " + k + "='" + v + "'"));
        l.add(kv("properties", (k, v) -> "app.datasource." + k + "=" + v));
        l.add(kv("query", (k, v) -> "GET https://api.example.com/v1/login?user=bob&" + k + "=" + v + "&lang=en 200"));
        l.add(kv("cli-eq", (k, v) -> "$ ./deploy.sh --env=prod --" + k + "=" + v + " --verbose"));
        l.add(kv("cli-space", (k, v) -> "$ vault-cli login --" + k + " " + v + " --ttl 1h"));
        l.add(kv("log", (k, v) -> "2026-11-22T10:15:30.123Z WARN [auth] login attempt " + k + "=" + v + " user=bob"));
        l.add(kv("xml", (k, v) -> "<config>\n  <user>bob</user>\n  <" + k + ">" + v + "</" + k + ">\n</config>"));
        l.add(kv("xml-attr", (k, v) -> "<datasource url=\"jdbc:h2:mem\" " + k + "=\"" + v + "\" />"));
        l.add(kv("python", (k, v) -> "client = Client({'host': 'api', '" + k + "': '" + v + "'})"));
        l.add(kv("python-env", (k, v) -> "os.environ[\"" + k + "\"] = \"" + v + "\""));
        l.add(kv("ruby", (k, v) -> "config = { :" + k + " => \"" + v + "\" }"));
        l.add(kv("toml", (k, v) -> "[service]\n" + k + " = \"" + v + "\""));
        l.add(kv("docker", (k, v) -> "docker run -d -e " + k + "=" + v + " -p 8080:8080 powerx/session:1.4.2"));
        l.add(kv("k8s-env", (k, v) -> "env:\n  - name: " + k + "\n    value: " + v));
        l.add(kv("k8s-json", (k, v) -> "{\"env\": [{\"name\": \"" + k + "\", \"value\": \"" + v + "\"}]}"));
        l.add(kv("java-prop", (k, v) -> "java -Dapp." + k + "=" + v + " -jar session-service.jar"));
        l.add(kv("go", (k, v) -> k.replaceAll("[-.]", "_") + " := \"" + v + "\""));
        l.add(kv("logfmt-quoted", (k, v) -> "level=error msg=\"auth failed\" " + k + "=\"" + v + "\" code=401"));
        l.add(kv("header", (k, v) -> "> " + k + ": " + v + "\n> Accept: */*"));
        l.add(kv("map-tostring", (k, v) -> "Config{host=db, " + k + "=" + v + ", port=5432}"));
        l.add(kv("escaped-json", (k, v) -> "{\"log\":\"request body {\\\"" + k + "\\\":\\\"" + v + "\\\"}\"}"));
        l.add(new Template("cli-password", "mysql-p", t -> {
            String v = t.alnum(12);
            return new Generated("$ mysql -h db.internal -u root -p" + v + " app < dump.sql", v);
        }));
        l.add(new Template("cli-password", "sshpass", t -> {
            String v = t.alnum(12);
            return new Generated("sshpass -p '" + v + "' ssh deploy@bastion.internal", v);
        }));
        l.add(new Template("cli-password", "curl-user", t -> {
            String v = t.alnum(14);
            return new Generated("curl -u admin:" + v + " https://jenkins.internal/api/json", v);
        }));
        l.add(new Template("cli-password", "docker-login", t -> {
            String v = t.alnum(20);
            return new Generated("docker login -u ci -p " + v + " registry.internal", v);
        }));
        l.add(new Template("cli-password", "redis-cli", t -> {
            String v = t.alnum(16);
            return new Generated("redis-cli -h cache -a " + v + " ping", v);
        }));

        // ---- high-entropy-near-key
        l.add(new Template("high-entropy-near-key", "signature", t -> {
            String v = t.alnum(t.between(24, 44));
            return new Generated("webhook received signature=" + v + " event=push", v);
        }));
        l.add(new Template("high-entropy-near-key", "prose-key", t -> {
            String v = t.alnum(t.between(24, 40));
            return new Generated(ts(t) + " INFO generated new API key " + v + " for tenant acme", v);
        }));
        l.add(new Template("high-entropy-near-key", "prose-token", t -> {
            String v = t.alnum(t.between(24, 40));
            return new Generated("the token is " + v + " and it expires tomorrow", v);
        }));
        l.add(new Template("high-entropy-near-key", "auth", t -> {
            String v = t.alnum(t.between(24, 40));
            return new Generated("{\"auth\": \"" + v + "\", \"user\": \"ci\"}", v);
        }));
        l.add(new Template("high-entropy-near-key", "key", t -> {
            String v = t.base64(t.between(30, 44)) + "=";
            return new Generated("primary key: " + v, v);
        }));

        // ---- personal data
        l.add(pii("payment-card", Tokens::card, v -> "card=" + v + " amount=12.00 currency=EUR"));
        l.add(pii("payment-card", Tokens::card, v -> "Charged card " + v + " for order 1042"));
        l.add(pii("payment-card", Tokens::card, v -> "{\"pan\": \"" + v + "\", \"exp\": \"12/27\"}"));
        l.add(pii("iban", Tokens::iban, v -> "IBAN: " + v));
        l.add(pii("iban", Tokens::iban, v -> "{\"iban\": \"" + v + "\", \"bic\": \"DEUTDEFF\"}"));
        l.add(pii("iban", Tokens::iban, v -> "transfer to " + v + " ref INV-2026-11"));
        l.add(pii("national-id", Tokens::ssn, v -> "SSN: " + v));
        l.add(pii("national-id", Tokens::nino, v -> "customer NI number " + v + " verified"));
        l.add(pii("national-id", Tokens::dni, v -> "{\"dni\": \"" + v + "\"}"));
        l.add(pii("national-id", Tokens::bsn, v -> "bsn: " + v));
        l.add(pii("national-id", t -> t.ssn().replace("-", ""), v -> "ssn=" + v));
        l.add(pii("email", Tokens::email, v -> "user=" + v + " action=login"));
        l.add(pii("email", Tokens::email, v -> "From: Alice Example <" + v + ">"));
        l.add(pii("email", Tokens::email, v -> "{\"email\":\"" + v + "\",\"verified\":true}"));
        l.add(pii("email", Tokens::email, v -> "notification sent to " + v + "."));
        l.add(pii("email", Tokens::email, v -> "<a href=\"mailto:" + v + "\">contact</a>"));
        l.add(pii("phone", Tokens::phone, v -> "phone=" + v));
        l.add(pii("phone", Tokens::phone, v -> "{\"contact\": {\"mobile\": \"" + v + "\"}}"));
        l.add(pii("phone", Tokens::phone, v -> "Call " + v + " for support"));
        l.add(pii("phone", t -> "+1" + t.between(201, 989) + t.between(200, 999) + t.digits(4), v -> "<a href=\"tel:" + v + "\">"));
        l.add(pii("ipv4", Tokens::publicIpv4, v -> "Connection from " + v + ":52314 closed"));
        l.add(pii("ipv4", Tokens::publicIpv4, v -> "X-Forwarded-For: " + v + ", 10.0.0.1"));
        l.add(pii("ipv4", Tokens::publicIpv4, v -> "{\"client_ip\": \"" + v + "\"}"));
        l.add(pii("ipv6", Tokens::ipv6, v -> "client=[" + v + "]:8443 accepted"));
        l.add(pii("ipv6", Tokens::ipv6, v -> "ip addr add " + v + "/64 dev eth0"));
        l.add(pii("ipv6", Tokens::ipv6, v -> "{\"remote\": \"" + v + "\"}"));
        return l;
    }

    private static void addVendor(List<Template> l, String rule, Function<Tokens, String> token) {
        l.add(new Template(rule, "export", t -> {
            String v = token.apply(t);
            return new Generated("export " + envName(rule) + "=" + v, v);
        }));
        l.add(new Template(rule, "json", t -> {
            String v = token.apply(t);
            return new Generated("{\"name\": \"ci\", \"credential\": \"" + v + "\"}", v);
        }));
        l.add(new Template(rule, "yaml", t -> {
            String v = token.apply(t);
            return new Generated("integrations:\n  " + rule.replace('-', '_') + ": " + v + "\n  enabled: true", v);
        }));
        l.add(new Template(rule, "log", t -> {
            String v = token.apply(t);
            return new Generated(ts(t) + " WARN [client] request failed using " + v + " (401 Unauthorized)", v);
        }));
        l.add(new Template(rule, "header", t -> {
            String v = token.apply(t);
            return new Generated("curl -H \"X-Custom: " + v + "\" https://api.example.com/v1/me", v);
        }));
        l.add(new Template(rule, "stacktrace", t -> {
            String v = token.apply(t);
            return new Generated("java.lang.IllegalStateException: credential " + v + " rejected\n"
                    + "\tat com.powerx.devhotload.client.ApiClient.call(ApiClient.java:88)\n"
                    + "\tat com.powerx.devhotload.client.ApiClient.get(ApiClient.java:41)", v);
        }));
    }

    private static String envName(String rule) {
        return rule.toUpperCase().replace('-', '_');
    }

    private static Template kv(String syntax, java.util.function.BinaryOperator<String> layout) {
        return new Template("generic-secret-kv", syntax, t -> {
            String k = t.pick(SECRET_KEYS);
            String v = value(t);
            if (syntax.equals("cli-space") || syntax.equals("header") || syntax.equals("go")) {
                v = t.alnum(t.between(12, 24)) + t.pick("!", "#", "%", "");
            }
            if (syntax.equals("xml") || syntax.equals("xml-attr") || syntax.equals("k8s-env")) {
                k = k.replace('.', '_');
            }
            return new Generated(layout.apply(k, v), v);
        });
    }

    private static Template pii(String rule, Function<Tokens, String> value, Function<String, String> layout) {
        return new Template(rule, "pii", t -> {
            String v = value.apply(t);
            return new Generated(layout.apply(v), v);
        });
    }
}
