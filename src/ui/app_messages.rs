//! Results from background work, collected once per frame before anything is drawn.

use super::*;

impl DeskApp {
    /// Non-drawing work for a frame: collect background results.
    pub fn poll(&mut self) {
        if let Some(p) = self.pending_keyring.take() {
            match p.try_take() {
                Ok(ks) => self.keyring_ready(ks),
                Err(p) => self.pending_keyring = Some(p),
            }
        }
        if let SandboxSlot::Starting(p) = &self.sandbox
            && p.ready().is_some()
        {
            let slot = std::mem::replace(&mut self.sandbox, SandboxSlot::Failed(String::new()));
            if let SandboxSlot::Starting(p) = slot {
                self.sandbox = match p.try_take() {
                    Ok(Ok(h)) => SandboxSlot::Ready(h),
                    Ok(Err(e)) => SandboxSlot::Failed(e.to_string()),
                    Err(p) => SandboxSlot::Starting(p),
                };
            }
            if self.env.kind == EnvKind::Sandbox {
                self.connect();
            }
        }
        self.poll_history();
        let had_outcome = self.submission.outcome.is_some();
        let created = self.submission.poll();
        if !had_outcome
            && let Some(Outcome::Failed(ApiError::BadRequest {
                description: Some(d),
                ..
            })) = &self.submission.outcome
        {
            // The server names the parameter; take the clerk to that field.
            self.form.focus_request = field_named_in(d);
        }
        if created {
            self.record_created();
            // The customer exists now: its draft must not come back after a restart.
            if let Some(w) = &self.draft_writer {
                let _ = w.send(None);
            }
            self.last_saved_draft = self.form.draft.clone();
        }
        for msg in self.tasks.drain() {
            self.receive(msg);
        }
        self.env.sandbox_failed = matches!(self.sandbox, SandboxSlot::Failed(_));
        self.env.sandbox_status = match &self.sandbox {
            SandboxSlot::Starting(_) => "Starting the built-in Sandbox…".into(),
            SandboxSlot::Ready(h) => format!("built-in Sandbox at {}", h.base_url()),
            SandboxSlot::Failed(e) => e.clone(),
        };
    }

    fn receive(&mut self, msg: Msg) {
        let current = self.generation;
        match msg {
            Msg::AreasEvent(g, e) if g == current => match e {
                LoadEvent::Page(items) => self.lookups.add_areas(items),
                LoadEvent::Retrying { .. } => self.note_retry(LookupKind::Areas, &e),
            },
            Msg::PostalCodesEvent(g, e) if g == current => match e {
                LoadEvent::Page(items) => self
                    .lookups
                    .postal_codes
                    .extend(items, |p| p.code.clone().unwrap_or_default()),
                LoadEvent::Retrying { .. } => self.note_retry(LookupKind::PostalCodes, &e),
            },
            Msg::SalesAgentsEvent(g, e) if g == current => match e {
                LoadEvent::Page(items) => self.lookups.agents.extend(items, |a| a.display_label()),
                LoadEvent::Retrying { .. } => self.note_retry(LookupKind::SalesAgents, &e),
            },
            Msg::LookupDone(g, kind, result) if g == current => {
                *self.lookups.list_state_mut(kind) = match result {
                    Ok(n) => {
                        self.lookups.last_totals.insert(kind, n);
                        LoadState::Loaded
                    }
                    Err(e) => LoadState::Failed(e),
                };
                self.lookups_fetched();
            }
            Msg::Replaced(g, list) if g == current => self.replace_lookups(list),
            Msg::CacheLoaded(g, cached) if g == current => self.cache_loaded(cached),
            // An environment-variable key wins over the keyring for this session.
            Msg::KeyLoaded(env, Ok(Some(key)))
                if !(self.env.from_env_var && self.env.keys.contains_key(&env)) =>
            {
                self.env.keys.insert(env, key);
                if env == self.env.kind && self.client.is_none() {
                    self.connect();
                }
            }
            Msg::KeyLoaded(_, Ok(None)) => {}
            Msg::KeyLoaded(_, Err(e)) | Msg::KeySaved(_, Err(e)) | Msg::KeyForgotten(_, Err(e)) => {
                self.env.key_message = Some((false, e.to_string()));
            }
            Msg::KeySaved(env, Ok(())) => {
                let trimmed = match self.env.last_trimmed {
                    0 => String::new(),
                    n => format!("Removed {n} spaces around the key. "),
                };
                self.env.key_message = Some((
                    true,
                    format!("{trimmed}Key saved in the keyring for {}.", env.label()),
                ));
            }
            Msg::Checked(report) => {
                self.env.checking = false;
                self.env.check = Some(report);
            }
            Msg::KeyForgotten(env, Ok(())) => {
                self.env.key_message = Some((
                    true,
                    format!("Key for {} removed from the keyring.", env.label()),
                ));
            }
            // Results for an environment the user has left.
            _ => {}
        }
    }

    fn note_retry<T>(&mut self, kind: LookupKind, e: &LoadEvent<T>) {
        if let LoadEvent::Retrying {
            attempt, of, wait, ..
        } = e
        {
            *self.lookups.list_state_mut(kind) = LoadState::Loading {
                retry: Some(format!(
                    "retrying in {} s (attempt {attempt} of {of})",
                    wait.as_secs_f32().ceil()
                )),
            };
        }
    }
}

/// The form field behind a create parameter named in a 400 description.
fn field_named_in(description: &str) -> Option<domain::Field> {
    use domain::Field;
    const PARAMS: [(&str, Field); 9] = [
        ("company_name", Field::CompanyName),
        ("mobile_number", Field::Mobile),
        ("contactpersons_name", Field::ContactPerson),
        ("address", Field::Address),
        ("area_id", Field::Area),
        ("postalcode_id", Field::PostalCode),
        ("gst_treatment", Field::GstTreatment),
        ("gstin", Field::Gstin),
        ("salesagent_id", Field::SalesAgent),
    ];
    PARAMS
        .iter()
        .find(|(p, _)| description.contains(p))
        .map(|(_, f)| *f)
}
