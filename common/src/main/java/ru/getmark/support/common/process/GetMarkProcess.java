package ru.getmark.support.common.process;

import java.util.List;

/**
 * One process of the built-in directory (R3): its code (the value of {@code IntakeMessage.process}), the Russian
 * name customers and staff see, and the keywords that recognise it in free text.
 *
 * @param code     stable code, e.g. {@code labels.print}
 * @param name     Russian name, e.g. «Печать этикеток»
 * @param keywords lower-case keywords (ё written as е); empty for {@link ProcessDirectory#OTHER}
 */
public record GetMarkProcess(String code, String name, List<String> keywords) {

    public GetMarkProcess {
        keywords = List.copyOf(keywords);
    }
}
