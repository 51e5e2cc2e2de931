//! What the page says: one status line (role="status") for what worked, one alert (role="alert")
//! for what did not. The page model decides the words; the browser adapter only mirrors them.

/// A message for the alert region. The id changes with every message, so the same words said
/// twice are announced twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// Unique per message.
    pub id: u64,
    /// The words.
    pub text: String,
    /// The form field it refuses, when it refuses what one field holds: the adapter marks that
    /// field invalid and takes the focus there.
    pub field: Option<Field>,
}

/// A form field an alert can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The deposit form's "Took effect on" date.
    EffectiveOn,
}

/// What changed in the two regions since the adapter last looked: `None` leaves a region as
/// it is on screen (a panel may have written there meanwhile, a copied link say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Said {
    /// The new status line, if it changed.
    pub status: Option<String>,
    /// The new alert (`Some(None)`: the alert goes), if it changed.
    pub alert: Option<Option<Alert>>,
}

/// The status line and the alert as the page model last set them.
#[derive(Debug, Clone, Default)]
pub struct Messages {
    status: String,
    alert: Option<Alert>,
    /// Only grows, so no two alerts of a visit share an id.
    alerts_said: u64,
    said: Said,
}

impl Messages {
    /// The status line.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// The alert, if one is up.
    pub fn alert(&self) -> Option<&Alert> {
        self.alert.as_ref()
    }

    /// A success: the status line says it and any alert goes.
    pub fn success(&mut self, text: impl Into<String>) {
        self.clear_alert();
        self.set_status(text.into());
    }

    /// A refusal or failure: the alert says it and the status line empties.
    pub fn failure(&mut self, text: impl Into<String>) {
        self.set_status(String::new());
        self.raise(text.into());
    }

    /// A refusal of what `field` holds: as `failure`, and the alert names the field.
    pub fn refusal_of(&mut self, field: Field, text: String) {
        self.set_status(String::new());
        self.say_alert(text, Some(field));
    }

    /// News for the status line that leaves an alert up (another tab's write, say).
    pub fn set_status(&mut self, text: String) {
        self.said.status = Some(text.clone());
        self.status = text;
    }

    /// An alert that leaves the status line as it is.
    pub fn raise(&mut self, text: String) {
        self.say_alert(text, None);
    }

    fn say_alert(&mut self, text: String, field: Option<Field>) {
        self.alerts_said += 1;
        let alert = Alert {
            id: self.alerts_said,
            text,
            field,
        };
        self.said.alert = Some(Some(alert.clone()));
        self.alert = Some(alert);
    }

    /// Takes the alert down.
    pub fn clear_alert(&mut self) {
        self.said.alert = Some(None);
        self.alert = None;
    }

    /// What changed since the last call: the adapter's one way to learn what to show.
    pub fn take_said(&mut self) -> Said {
        std::mem::take(&mut self.said)
    }
}
