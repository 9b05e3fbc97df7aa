package com.powerx.devhotload.masking.corpus;

import static com.powerx.devhotload.masking.corpus.ContextualSecrets.tpl;

import com.powerx.devhotload.masking.corpus.ContextualSecrets.Template;
import com.powerx.devhotload.masking.corpus.SecretClassCorpus.Generated;
import java.util.List;

/** Phone numbers in the formats of ITU E.123, the North American plan and common national conventions. */
final class PhoneSamples {

    private PhoneSamples() {
    }

    static List<Template> templates() {
        return List.of(
                tpl("us-plus-paren", t -> phone(t, "call ", "+1 (" + area(t) + ") " + exch(t) + "-" + t.digits(4), " now")),
                tpl("us-paren-tight", t -> phone(t, "contact=", "(" + area(t) + ")" + exch(t) + "-" + t.digits(4), "")),
                tpl("us-dotted", t -> phone(t, "Phone: ", area(t) + "." + exch(t) + "." + t.digits(4), "")),
                tpl("us-plus-dashed", t -> phone(t, "{\"mobile\": \"", "+1-" + area(t) + "-" + exch(t) + "-" + t.digits(4), "\"}")),
                tpl("us-plus-dotted", t -> phone(t, "sms to ", "+1." + area(t) + "." + exch(t) + "." + t.digits(4), " queued")),
                tpl("us-toll-free", t -> phone(t, "support line ", "1-800-" + exch(t) + "-" + t.digits(4), "")),
                tpl("uk", t -> phone(t, "Tel: ", "+44 20 " + t.between(7000, 8999) + " " + t.digits(4), "")),
                tpl("uk-trunk-paren", t -> phone(t, "office ", "+44 (0)20 " + t.between(7000, 8999) + " " + t.digits(4), "")),
                tpl("de", t -> phone(t, "Telefon ", "+49 30 " + t.between(1000000, 99999999), "")),
                tpl("fr", t -> phone(t, "portable ", "+33 6 " + t.between(10, 99) + " " + t.between(10, 99) + " "
                        + t.between(10, 99) + " " + t.between(10, 99), "")),
                tpl("in", t -> phone(t, "whatsapp: ", "+91 " + t.between(70000, 99999) + " " + t.digits(5), "")),
                tpl("au", t -> phone(t, "mobile ", "+61 4" + t.digits(2) + " " + t.digits(3) + " " + t.digits(3), "")),
                tpl("cn", t -> phone(t, "contact ", "+86 138 " + t.digits(4) + " " + t.digits(4), "")),
                tpl("tel-uri", t -> phone(t, "<a href=\"tel:", "+1" + area(t) + exch(t) + t.digits(4), "\">call</a>")),
                tpl("percent-plus", t -> phone(t, "GET /verify?phone=%2B", "1" + area(t) + exch(t) + t.digits(4), "&code=1 200")),
                tpl("csv", t -> phone(t, "id,name,phone\n42,Bob,", "(" + area(t) + ") " + exch(t) + "-" + t.digits(4), "")),
                tpl("idd-glued", t -> phone(t, "Telefon ", "0049 30 " + t.between(1000000, 9999999), "")),
                tpl("idd-spaced", t -> phone(t, "dial ", "00 44 20 " + t.between(7000, 8999) + " " + t.digits(4), " from abroad")));
    }

    private static Generated phone(Tokens t, String before, String number, String after) {
        return Generated.of("phone", before + number + after, number);
    }

    private static int area(Tokens t) {
        return t.between(201, 989);
    }

    private static int exch(Tokens t) {
        return t.between(200, 999);
    }
}
