package com.powerx.devhotload.masking.detect;

/**
 * A {@link CharSequence} view that counts character reads and aborts a regex match once a budget proportional to
 * the input length is spent. java.util.regex backtracks; this turns a pathological pattern from a hang into a
 * bounded, detectable failure.
 */
final class BudgetedCharSequence implements CharSequence {

    /** Thrown (without a stack trace) when the budget is exhausted. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("regex step budget exceeded", null, false, false);
        }
    }

    private static final BudgetExceeded EXCEEDED = new BudgetExceeded();

    private final String text;
    private final int offset;
    private final int length;
    private long remaining;

    BudgetedCharSequence(String text, int offset, int length, long budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.remaining = budget;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw EXCEEDED;
        }
        return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(offset + start, offset + end);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
