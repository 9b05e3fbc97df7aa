package com.powerx.devhotload.masking.detect;

import java.util.Set;

/**
 * Tells a sentence after a key ("Invalid password: must be 8 chars") from a value, including passphrases of several
 * plain words on a line of their own ({@code password: correct horse battery staple}).
 */
final class ProseValues {

    /** Words that occur in almost every English sentence and in no generated passphrase worth the name. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "not", "no", "must",
            "should", "could", "would", "will", "shall", "can", "cannot", "may", "might", "has", "have", "had", "the",
            "a", "an", "to", "of", "for", "in", "on", "at", "by", "with", "from", "as", "and", "or", "but", "if",
            "than", "then", "that", "this", "these", "those", "it", "its", "you", "your", "we", "our", "they", "their",
            "he", "she", "his", "her", "me", "my", "please", "contains", "contain", "matches", "match", "meets",
            "meet", "expires", "expire", "requires", "require", "needs", "need", "too", "very", "only", "all", "any",
            "none", "see", "use", "using", "enter", "try", "again", "later", "now", "when", "where", "which", "who",
            "what", "how", "why", "there", "here", "length", "least", "most", "characters", "chars", "digits");
    private static final int MAX_WORDS = 8;

    private ProseValues() {
    }

    /** A plain word followed by more words that do not form a key ("must be 8 chars" rather than "a=b"). */
    static boolean looksLikeProse(String t, int s, int e) {
        for (int i = s; i < e; i++) {
            if (!Chars.isLetter(t.charAt(i))) {
                return false;
            }
        }
        int n = t.length();
        if (e + 1 >= n || t.charAt(e) != ' ' || !Chars.isLetter(t.charAt(e + 1))) {
            return false;
        }
        int j = e + 1;
        while (j < n && Chars.isKeyChar(t.charAt(j))) {
            j++;
        }
        return j >= n || (t.charAt(j) != '=' && t.charAt(j) != ':');
    }

    /**
     * On a line that holds only the pair (YAML, .env), two to eight plain lower-case words without a function word
     * or a status word are a passphrase, not a sentence.
     */
    static boolean isPassphrase(String t, int s, boolean lineKey) {
        if (!lineKey) {
            return false;
        }
        int le = Chars.lineEnd(t, s, 256);
        int words = 0;
        int i = s;
        while (i < le) {
            int w = i;
            while (i < le && (Chars.isLower(t.charAt(i)) || Chars.isDigit(t.charAt(i)) || t.charAt(i) == '-')) {
                i++;
            }
            if (i == w || (i < le && !Chars.isBlank(t.charAt(i))) || !plainWord(t, w, i) || ++words > MAX_WORDS) {
                return false;
            }
            while (i < le && Chars.isBlank(t.charAt(i))) {
                i++;
            }
        }
        return words >= 2;
    }

    private static boolean plainWord(String t, int s, int e) {
        String w = t.substring(s, e);
        return !FUNCTION_WORDS.contains(w) && !NonSecretValues.isNonSecret(t, s, e);
    }
}
