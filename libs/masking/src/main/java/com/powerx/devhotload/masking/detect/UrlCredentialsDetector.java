package com.powerx.devhotload.masking.detect;

import java.util.List;
import java.util.Set;

/**
 * {@code url-credentials}: the password in {@code scheme://user:password@host} for every scheme that is not a
 * database (those are {@code db-connection-string}), and token-like user names such as
 * {@code https://<token>@github.com}.
 */
public final class UrlCredentialsDetector implements Detector {

    public static final String ID = "url-credentials";

    static final Set<String> DB_SCHEMES = Set.of(
            "postgres", "postgresql", "mysql", "mysqlx", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss",
            "amqp", "amqps", "mssql", "sqlserver", "oracle", "cockroachdb", "clickhouse", "cassandra", "neo4j",
            "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "couchdb", "memcached", "db2", "snowflake", "timescaledb",
            "postgis", "jdbc", "r2dbc", "sqlite", "firebird", "influxdb", "couchbase", "couchbases", "arangodb",
            "rethinkdb", "elasticsearch", "opensearch", "nats", "kafka", "zookeeper", "etcd", "ldap", "ldaps");

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("://");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        UrlAuthority url = new UrlAuthority();
        for (int h = 0; h < hits.size(); h++) {
            if (!url.parse(t, hits.start(h)) || DB_SCHEMES.contains(url.scheme)) {
                continue;
            }
            if (url.hasPassword()) {
                if (!NonSecretValues.isNonSecret(t, url.passwordStart, url.passwordEnd)) {
                    sink.add(url.passwordStart, url.passwordEnd, 0);
                }
            } else if (url.userEnd - url.userStart >= 16
                    && Entropy.looksRandom(t, url.userStart, url.userEnd, 16)) {
                sink.add(url.userStart, url.userEnd, 0);
            }
        }
    }
}
