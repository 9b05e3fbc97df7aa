package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ContractConventionsTest {

    @Test
    void noPayloadCarriesTheReloadTokenItself() {
        // CONTRACT.md §2: events carry the token's SHA-256, never the token.
        for (Class<?> record : ContractRecords.all()) {
            for (RecordComponent component : record.getRecordComponents()) {
                String name = component.getName().toLowerCase(Locale.ROOT);
                assertThat(name).as(record.getSimpleName() + "." + component.getName())
                        .isNotEqualTo("reloadtoken")
                        .satisfiesAnyOf(n -> assertThat(n).doesNotContain("token"),
                                n -> assertThat(n).endsWith("sha256"));
            }
        }
        for (var sample : SamplePayloads.all().entrySet()) {
            String json = EventCodec.encodeToString(SamplePayloads.event(sample.getKey(), sample.getValue()));
            assertThat(json).as(sample.getKey()).doesNotContain("\"reloadToken\"");
        }
    }

    @Test
    void everyRecordIgnoresUnknownFieldsAndOmitsNulls() {
        for (Class<?> record : ContractRecords.all()) {
            JsonIgnoreProperties ignore = record.getAnnotation(JsonIgnoreProperties.class);
            JsonInclude include = record.getAnnotation(JsonInclude.class);
            assertThat(ignore).as(record.getSimpleName()).isNotNull();
            assertThat(ignore.ignoreUnknown()).as(record.getSimpleName()).isTrue();
            assertThat(include).as(record.getSimpleName()).isNotNull();
            assertThat(include.value()).as(record.getSimpleName()).isEqualTo(JsonInclude.Include.NON_NULL);
        }
    }

    @Test
    void everyPayloadRecordLivesInThePayloadPackageAndIsAnEventPayload() {
        PayloadTypes.fixed().values().forEach(type -> {
            assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
            assertThat(type.getPackageName()).isEqualTo("com.powerx.devhotload.contracts.payload");
        });
    }

    @Test
    void primitiveComponentsAreRequiredAndOptionalNumbersAreBoxed() {
        // A primitive can never be absent, so declaring it optional would be a lie in the schema.
        for (Class<?> record : ContractRecords.all()) {
            for (RecordComponent component : record.getRecordComponents()) {
                if (component.getType().isPrimitive()) {
                    assertThat(component.isAnnotationPresent(Required.class))
                            .as(record.getSimpleName() + "." + component.getName()).isTrue();
                }
            }
        }
    }

    @Test
    void allowedValuesOnlyRestrictStrings() {
        for (Class<?> record : ContractRecords.all()) {
            for (RecordComponent component : record.getRecordComponents()) {
                if (component.isAnnotationPresent(AllowedValues.class)) {
                    assertThat(component.getType()).as(record.getSimpleName() + "." + component.getName())
                            .isEqualTo(String.class);
                }
            }
        }
    }

    @Test
    void fieldNamesAreCamelCase() {
        for (Class<?> record : ContractRecords.all()) {
            List<String> names = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
            assertThat(names).as(record.getSimpleName()).allMatch(name -> name.matches("[a-z][A-Za-z0-9]*"));
        }
    }
}
