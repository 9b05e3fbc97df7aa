package com.powerx.devhotload.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** name/value sibling fields. */
class NameValuePairsTest {

    @Test
    void theSecretNameIsTheValueOfANameField() {
        String yaml = "- name: DB_PASSWORD\n  value: s3cr3t";
        assertThat(NameValuePairs.isNameFieldValue(yaml, yaml.indexOf("DB_"))).isTrue();
        String json = "{\"key\":\"API_TOKEN\",\"value\":\"x\"}";
        assertThat(NameValuePairs.isNameFieldValue(json, json.indexOf("API_"))).isTrue();
        String other = "user: DB_PASSWORD";
        assertThat(NameValuePairs.isNameFieldValue(other, other.indexOf("DB_"))).isFalse();
    }

    @Test
    void theValueFieldFollowsOnTheSameOrTheNextLine() {
        String yaml = "- name: DB_PASSWORD\n  value: s3cr3t";
        int end = yaml.indexOf("\n");
        assertThat(NameValuePairs.valueKeyEnd(yaml, end)).isEqualTo(yaml.indexOf(": s3"));
        String json = "{\"key\":\"API_TOKEN\",\"value\":\"x\"}";
        assertThat(NameValuePairs.valueKeyEnd(json, json.indexOf("\",\"value"))).isEqualTo(json.indexOf(":\"x"));
        String values = "name: DB_PASSWORD, values: x";
        assertThat(NameValuePairs.valueKeyEnd(values, values.indexOf(','))).isEqualTo(-1);
    }
}
