package com.powerx.devhotload.diagnostics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence table's daily partitions: created ahead, dropped whole once past retention (a DROP is instant where a
 * DELETE of a day of log lines would churn the table for minutes).
 * <p>
 * A partition is created empty and then attached, moving in the same transaction whatever the default partition
 * caught for that day (events that arrived before their day's partition existed): attaching checks that the default
 * partition holds no row of the new range, and a plain CREATE ... PARTITION OF would fail on such rows.
 */
@ApplicationScoped
public class EvidencePartitions {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'evidence_p'yyyyMMdd");

    private final Pool pool;

    public EvidencePartitions(Pool pool) {
        this.pool = pool;
    }

    /** Makes sure a partition exists for every day in [first, last]. */
    public Uni<Integer> ensure(LocalDate first, LocalDate last) {
        return existing().flatMap(names -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                LocalDate d = day;
                if (!names.contains(NAME.format(d))) {
                    chain = chain.flatMap(n -> create(d).map(ignored -> n + 1));
                }
            }
            return chain;
        });
    }

    private Uni<Void> create(LocalDate day) {
        String name = NAME.format(day);
        String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        return pool.withTransaction(tx -> tx.query("CREATE TABLE " + name + " (LIKE evidence INCLUDING DEFAULTS)").execute()
                .flatMap(r -> tx.query("WITH moved AS (DELETE FROM evidence_default WHERE event_time >= '" + from + "' AND event_time < '"
                        + to + "' RETURNING *) INSERT INTO " + name + " SELECT * FROM moved").execute())
                .flatMap(r -> tx.query("ALTER TABLE evidence ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from + "') TO ('" + to
                        + "')").execute())
                .replaceWithVoid());
    }

    /** Drops the partitions wholly older than {@code cutoff} and deletes the older rows of the rest; returns dropped. */
    public Uni<Integer> expire(Instant cutoff) {
        LocalDate cutoffDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        return existing().flatMap(names -> {
            List<String> old = new ArrayList<>();
            for (String name : names) {
                LocalDate day = LocalDate.parse(name.substring("evidence_p".length()), DateTimeFormatter.BASIC_ISO_DATE);
                if (day.isBefore(cutoffDay)) {
                    old.add(name);
                }
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String name : old) {
                chain = chain.flatMap(v -> pool.query("DROP TABLE IF EXISTS " + name).execute().replaceWithVoid());
            }
            return chain.flatMap(v -> pool.preparedQuery("DELETE FROM evidence WHERE event_time < $1")
                            .execute(Tuple.of(Times.utc(cutoff))))
                    .map(v -> old.size());
        });
    }

    private Uni<List<String>> existing() {
        return pool.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'evidence' AND c.relname LIKE 'evidence_p%'").execute()
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    for (Row row : rows) {
                        names.add(row.getString(0));
                    }
                    return names;
                });
    }
}
