//! Sending email over SMTP with lettre: plain text with an HTML alternative; unencrypted (a
//! relay on localhost, tests) or STARTTLS (rustls with the webpki roots).
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    /// Upgrade the connection with STARTTLS (required, never opportunistic).
    pub starttls: bool,
    /// "Scrutiny tracker <no-reply@council.example>".
    pub from: String,
    pub timeout: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail_from is not an email address: {0}")]
    From(String),
    #[error("not an email address: {0}")]
    Recipient(String),
    #[error("cannot build the message: {0}")]
    Message(String),
    #[error("SMTP: {message}")]
    Smtp { message: String, permanent: bool },
    #[error("SMTP settings: {0}")]
    Settings(String),
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Where Message-IDs come from: the domain of the From address.
    domain: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

/// One email to send.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub to_name: Option<&'a str>,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
    /// Unique per email ("<id@domain>" is built from it): a retried send keeps its Message-ID.
    pub id: &'a str,
}

impl MailError {
    /// Whether trying again cannot help: a bad address, or a 5xx answer from the server.
    pub fn is_permanent(&self) -> bool {
        match self {
            MailError::Recipient(_) | MailError::Message(_) => true,
            MailError::Smtp { permanent, .. } => *permanent,
            MailError::From(_) | MailError::Settings(_) => false,
        }
    }
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Self, MailError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| MailError::From(format!("{}: {e}", settings.from)))?;
        let domain = from.email.domain().to_owned();
        let builder = if settings.starttls {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
                .map_err(|e| MailError::Settings(e.to_string()))?
        } else {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
        };
        let mut builder = builder.port(settings.port).timeout(Some(settings.timeout));
        if let Some(user) = &settings.username {
            let password = settings
                .password
                .as_ref()
                .map(|p| p.expose_secret().to_owned())
                .unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(Self {
            transport: builder.build(),
            from,
            domain,
        })
    }

    pub fn message_id(&self, id: &str) -> String {
        format!("<{id}@{}>", self.domain)
    }

    /// Builds the message (plain text, with HTML as the preferred alternative).
    pub fn build(&self, email: &Outgoing<'_>) -> Result<Message, MailError> {
        let address = email
            .to
            .parse()
            .map_err(|_| MailError::Recipient(email.to.to_owned()))?;
        let to = Mailbox::new(email.to_name.map(str::to_owned), address);
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject)
            .message_id(Some(self.message_id(email.id)))
            .multipart(MultiPart::alternative_plain_html(
                email.text.to_owned(),
                email.html.to_owned(),
            ))
            .map_err(|e| MailError::Message(e.to_string()))
    }

    /// Sends one email; Ok once the SMTP server accepted it.
    pub async fn send(&self, email: &Outgoing<'_>) -> Result<(), MailError> {
        let message = self.build(email)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError::Smtp {
                message: e.to_string(),
                permanent: e.is_permanent(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> MailSettings {
        MailSettings {
            host: "127.0.0.1".into(),
            port: 2525,
            username: None,
            password: None,
            starttls: false,
            from: "Scrutiny tracker <no-reply@council.example>".into(),
            timeout: Duration::from_secs(5),
        }
    }

    #[test]
    fn messages_have_both_bodies_and_a_stable_message_id() {
        let mailer = Mailer::new(&settings()).unwrap();
        let email = Outgoing {
            to: "jo@police.example",
            to_name: Some("Jo Bloggs"),
            subject: "Progress update due 14 November 2022",
            text: "Dear Jo,\nplain",
            html: "<p>Dear Jo,</p>",
            id: "0190-abc",
        };
        let raw = String::from_utf8(mailer.build(&email).unwrap().formatted()).unwrap();
        assert!(raw.contains("From: \"Scrutiny tracker\" <no-reply@council.example>"));
        assert!(raw.contains("To: \"Jo Bloggs\" <jo@police.example>"));
        assert!(raw.contains("Message-ID: <0190-abc@council.example>"));
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("text/plain"));
        assert!(raw.contains("text/html"));
        assert!(matches!(
            mailer.build(&Outgoing {
                to: "not an address",
                ..email
            }),
            Err(MailError::Recipient(_))
        ));
    }

    #[test]
    fn settings_are_checked() {
        let mut s = settings();
        s.from = "nobody".into();
        assert!(matches!(Mailer::new(&s), Err(MailError::From(_))));
        let mut s = settings();
        s.starttls = true;
        s.username = Some("relay-user".into());
        s.password = Some(SecretString::from("relay-password".to_owned()));
        let mailer = Mailer::new(&s).unwrap();
        assert!(!format!("{mailer:?}").contains("relay-password"));
    }
}
