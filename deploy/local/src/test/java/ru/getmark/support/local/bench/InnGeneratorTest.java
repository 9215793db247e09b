package ru.getmark.support.local.bench;

import org.junit.jupiter.api.Test;
import ru.getmark.support.common.inn.Inn;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class InnGeneratorTest {

    @Test
    void organisationsHaveTenDigitsWithAValidCheckDigit() {
        SplittableRandom random = new SplittableRandom(1);
        Set<String> seen = new HashSet<>();
        Set<String> regions = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String inn = InnGenerator.organisation(random);
            assertThat(inn).hasSize(10);
            assertThat(Inn.check(inn)).as(inn).isEmpty();
            seen.add(inn);
            regions.add(inn.substring(0, 2));
        }
        assertThat(seen).hasSizeGreaterThan(19_900);
        assertThat(regions).hasSize(92).doesNotContain("00");
    }

    @Test
    void individualsHaveTwelveDigitsWithBothCheckDigitsValid() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 20_000; i++) {
            String inn = InnGenerator.individual(random);
            assertThat(inn).hasSize(12);
            assertThat(Inn.check(inn)).as(inn).isEmpty();
        }
    }

    @Test
    void aChangedDigitBreaksTheCheck() {
        String inn = InnGenerator.organisation(new SplittableRandom(3));
        char other = inn.charAt(4) == '9' ? '0' : (char) (inn.charAt(4) + 1);
        String typo = inn.substring(0, 4) + other + inn.substring(5);
        assertThat(Inn.check(typo)).contains(Inn.Problem.CHECK_DIGIT);
    }
}
