package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code cli-password}: passwords given on command lines — the password flags of known tools ({@code sshpass -p},
 * {@code mysql -pX}, {@code mongo -p}, {@code sqlcmd -P}, {@code plink -pw}, {@code curl -u user:X},
 * {@code docker login -p}, …, see {@link CommandFlags}), positional passwords ({@code htpasswd -b},
 * {@code sqlplus user/X@db}) and long flags of any command that end in a password word ({@code --dbpass=X},
 * {@code --rootpw X}). Long flags whose name splits into a secret word ({@code --db-password}) are also found by
 * {@code generic-secret-kv}.
 */
public final class CliPasswordDetector implements Detector {

    public static final String ID = "cli-password";
    private static final List<String> FLAG_WORDS = List.of("pass", "pwd", "pw=", "pw ");

    private final List<String> keywords;
    private final int commandBase;
    private final KeyClassifier keys = new KeyClassifier(java.util.Set.of());

    public CliPasswordDetector() {
        List<String> kws = new ArrayList<>(FLAG_WORDS);
        commandBase = kws.size();
        for (String c : CommandFlags.commands()) {
            kws.add(c.length() >= 3 ? c : c + " "); // keywords need three characters: "az " for az
        }
        this.keywords = List.copyOf(kws);
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return keywords;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int flagResume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (hits.keyword(h) >= commandBase) {
                // A command's arguments end where the next known command starts ("docker run img curl -u a:b"),
                // so every argument is read once however many commands a line holds.
                if (CommandLineSecrets.isCommandAt(t, at)) {
                    CommandLineSecrets.scan(t, at, nextCommand(t, hits, h), sink);
                }
            } else if (at >= flagResume) {
                flagResume = LongPasswordFlags.scan(t, at, keys, sink);
            }
        }
    }

    /** Start of the next command after hit {@code h}; keyword hits inside words and paths are not commands. */
    private int nextCommand(String t, HitList hits, int h) {
        for (int k = h + 1; k < hits.size(); k++) {
            if (hits.keyword(k) >= commandBase && hits.start(k) > hits.start(h)
                    && CommandLineSecrets.isCommandAt(t, hits.start(k))) {
                return hits.start(k);
            }
        }
        return Integer.MAX_VALUE;
    }
}
