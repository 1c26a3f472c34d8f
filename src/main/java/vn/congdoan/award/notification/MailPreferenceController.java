package vn.congdoan.award.notification;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.congdoan.award.support.Texts;

/** A user chooses immediate mails or one daily digest: {@code GET / PUT /api/me/mail-preference}. */
@RestController
@RequestMapping("/api/me/mail-preference")
public class MailPreferenceController {
  private final MailPreferences preferences;
  private final IdentityService identity;
  private final Texts texts;

  public MailPreferenceController(MailPreferences preferences, IdentityService identity, Texts texts) {
    this.preferences = preferences;
    this.identity = identity;
    this.texts = texts;
  }

  public record Preference(String mode) {}

  @GetMapping
  public Preference get() {
    return new Preference(preferences.modeOf(currentUser()));
  }

  @PutMapping
  public ResponseEntity<?> set(@RequestBody(required = false) Preference preference) {
    String mode = preference == null ? null : preference.mode();
    if (!MailPreferences.IMMEDIATE.equals(mode) && !MailPreferences.DIGEST.equals(mode)) {
      return ResponseEntity.badRequest().body(Map.of("type", "ValidationError",
          "message", texts.get("mail.preference.invalid"), "violations", List.of(texts.get("mail.preference.invalid"))));
    }
    preferences.set(currentUser(), mode);
    return ResponseEntity.ok(new Preference(mode));
  }

  private String currentUser() {
    Authentication auth = identity.getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null) {
      throw new IllegalStateException("The authentication filter lets no anonymous request in here");
    }
    return auth.getUserId();
  }
}
