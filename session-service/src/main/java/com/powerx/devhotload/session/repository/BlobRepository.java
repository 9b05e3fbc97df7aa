package com.powerx.devhotload.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which blobs a tenant has stored (the bytes are on the blob volume, see BlobStore). */
@ApplicationScoped
public class BlobRepository {

    /** The hashes of {@code wanted} the tenant has not uploaded yet, in the order asked, without duplicates. */
    public Uni<List<String>> missing(SqlClient c, String tenant, Collection<String> wanted) {
        Set<String> distinct = new LinkedHashSet<>(wanted);
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery("SELECT sha256 FROM dev_blob WHERE tenant_id = $1 AND sha256 = ANY($2)")
                .execute(Tuple.of(tenant, distinct.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> present = new java.util.HashSet<>();
                    rows.forEach(r -> present.add(r.getString(0)));
                    List<String> out = new ArrayList<>();
                    for (String h : distinct) if (!present.contains(h)) out.add(h);
                    return out;
                });
    }

    /** Records a stored blob; true when it is new for the tenant. */
    public Uni<Boolean> insert(SqlClient tx, String tenant, String sha256, long size) {
        return tx.preparedQuery("INSERT INTO dev_blob (tenant_id, sha256, size) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenant, sha256, size)).map(rows -> rows.rowCount() == 1);
    }

    /** The recorded size of the tenant's blob, or null when the tenant has no such blob. */
    public Uni<Long> size(SqlClient c, String tenant, String sha256) {
        return c.preparedQuery("SELECT size FROM dev_blob WHERE tenant_id = $1 AND sha256 = $2")
                .execute(Tuple.of(tenant, sha256)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    public Uni<Boolean> exists(SqlClient c, String tenant, String sha256) {
        return c.preparedQuery("SELECT 1 FROM dev_blob WHERE tenant_id = $1 AND sha256 = $2")
                .execute(Tuple.of(tenant, sha256)).map(rows -> rows.size() > 0);
    }
}
