package ru.getmark.support.phone.rest;

import ru.getmark.support.common.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies for the resource tests. */
final class CallRequests {

    static final String INN = "7707083893";

    private CallRequests() {
    }

    /** A complete, valid call; tests change single fields. */
    static Map<String, Object> valid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inn", INN);
        body.put("customerName", "ООО «Ромашка», Иванов Иван Петрович");
        body.put("email", "ivanov@romashka.ru");
        body.put("phone", "8 (925) 950-91-18");
        body.put("type", "software_bug");
        body.put("process", "Отгрузка");
        body.put("impact", "stops_operations");
        body.put("description", "При отправке УПД через ЭДО ошибка «Неверная подпись», отгрузка стоит.");
        return body;
    }

    static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = valid();
        body.put(field, value);
        return body;
    }

    static Map<String, Object> without(String field) {
        Map<String, Object> body = valid();
        body.remove(field);
        return body;
    }

    static String json(Map<String, Object> body) {
        return Json.toJson(body);
    }
}
