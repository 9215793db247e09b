package ru.getmark.support.telegram.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import ru.getmark.support.common.dialog.ChatInput;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static Inbound map(String messageFields) throws Exception {
        String json = "{\"update_id\": 7, \"message\": {\"message_id\": 3, \"date\": 1700000000, "
                + "\"chat\": {\"id\": 42, \"type\": \"private\"}, "
                + "\"from\": {\"id\": 42, \"is_bot\": false, \"first_name\": \"Анна\", \"last_name\": \"Петрова\"}, "
                + messageFields + "}}";
        return UpdateMapper.map(JSON.readValue(json, Update.class));
    }

    @Test
    void textAndCommands() throws Exception {
        Inbound text = map("\"text\": \"Не печатается этикетка\"");
        assertThat(text.chatId()).isEqualTo(42L);
        assertThat(text.senderName()).isEqualTo("Анна Петрова");
        assertThat(text.input()).isEqualTo(new ChatInput.Text("Не печатается этикетка"));
        assertThat(map("\"text\": \"/start@help_getmark_bot hello\"").input())
                .isEqualTo(new ChatInput.Command("/start"));
    }

    @Test
    @DisplayName("R1: stickers, voice, locations and forwarded messages get a helpful answer, not silence")
    void unsupportedKinds() throws Exception {
        assertThat(map("\"sticker\": {\"file_id\": \"s\", \"file_unique_id\": \"su\", \"type\": \"regular\", "
                + "\"width\": 1, \"height\": 1, \"is_animated\": false, \"is_video\": false}").input())
                .isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.STICKER));
        assertThat(map("\"voice\": {\"file_id\": \"v\", \"file_unique_id\": \"vu\", \"duration\": 2}").input())
                .isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.VOICE));
        assertThat(map("\"location\": {\"latitude\": 55.7, \"longitude\": 37.6}").input())
                .isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.LOCATION));
        assertThat(map("\"text\": \"hi\", \"forward_origin\": {\"type\": \"hidden_user\", \"date\": 1, "
                + "\"sender_user_name\": \"X\"}").input())
                .isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.FORWARDED));
    }

    @Test
    void editedMessageAndCallback() throws Exception {
        Update edited = JSON.readValue("{\"update_id\": 8, \"edited_message\": {\"message_id\": 3, \"date\": 1, "
                + "\"edit_date\": 2, \"chat\": {\"id\": 42, \"type\": \"private\"}, \"text\": \"x\"}}", Update.class);
        assertThat(UpdateMapper.map(edited).input())
                .isEqualTo(new ChatInput.Unsupported(ChatInput.Unsupported.EDITED));
        Update callback = JSON.readValue("{\"update_id\": 9, \"callback_query\": {\"id\": \"cb1\", "
                + "\"from\": {\"id\": 42, \"is_bot\": false, \"first_name\": \"Анна\"}, \"chat_instance\": \"i\", "
                + "\"data\": \"c:1042\", \"message\": {\"message_id\": 5, \"date\": 1, "
                + "\"chat\": {\"id\": 42, \"type\": \"private\"}, \"text\": \"Решение\"}}}", Update.class);
        Inbound in = UpdateMapper.map(callback);
        assertThat(in.input()).isEqualTo(new ChatInput.Button("c:1042"));
        assertThat(in.callbackQueryId()).isEqualTo("cb1");
        assertThat(in.chatId()).isEqualTo(42L);
    }

    @Test
    void photoAndDocumentAreFetchedByClaimCheck() throws Exception {
        Inbound photo = map("\"caption\": \"скрин\", \"photo\": ["
                + "{\"file_id\": \"small\", \"file_unique_id\": \"u1\", \"width\": 90, \"height\": 90, \"file_size\": 100},"
                + "{\"file_id\": \"big\", \"file_unique_id\": \"u2\", \"width\": 900, \"height\": 900, \"file_size\": 9000}]");
        assertThat(photo.file().fileId()).isEqualTo("big");
        assertThat(photo.file().contentType()).isEqualTo("image/jpeg");
        assertThat(photo.file().caption()).isEqualTo("скрин");
        Inbound doc = map("\"document\": {\"file_id\": \"d\", \"file_unique_id\": \"du\", \"file_name\": \"log.txt\", "
                + "\"mime_type\": \"text/plain\", \"file_size\": 30000000}");
        assertThat(doc.file().fileName()).isEqualTo("log.txt");
        assertThat(doc.file().size()).isEqualTo(30_000_000L);
        assertThat(doc.ignored()).isFalse();
    }

    @Test
    void updatesNotFromAChatAreIgnored() throws Exception {
        assertThat(UpdateMapper.map(JSON.readValue("{\"update_id\": 10}", Update.class)).ignored()).isTrue();
    }
}
