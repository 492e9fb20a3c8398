//! People named as responsible in an imported plan: a police rank and surname ("Insp Smith"), a
//! councillor ("Cllr Jones"), or two people in one cell with no separator ("C/Supt Lang Steve
//! Hume"). Names are split using the contacts the council already has and the ranks and titles
//! that start a name; a person the council does not know yet is proposed as a new contact, at
//! the organisation their title or the rest of the plan points to, with the existing contacts
//! they resemble as candidates. The commit creates the proposals the user accepts.
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// What kind of organisation a title points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Points {
    Police,
    Fire,
    Council,
    /// A courtesy title (Mr, Dr): no organisation.
    Anyone,
}

/// Ranks and titles that start a person's name, lower case, without a trailing full stop.
const TITLES: &[(&str, Points)] = &[
    ("pc", Points::Police),
    ("pcso", Points::Police),
    ("ps", Points::Police),
    ("sgt", Points::Police),
    ("sergeant", Points::Police),
    ("ds", Points::Police),
    ("dc", Points::Police),
    ("insp", Points::Police),
    ("inspector", Points::Police),
    ("di", Points::Police),
    ("c/insp", Points::Police),
    ("ch/insp", Points::Police),
    ("chinsp", Points::Police),
    ("ci", Points::Police),
    ("supt", Points::Police),
    ("superintendent", Points::Police),
    ("c/supt", Points::Police),
    ("ch/supt", Points::Police),
    ("chsupt", Points::Police),
    ("dci", Points::Police),
    ("dcs", Points::Police),
    ("dsupt", Points::Police),
    ("acc", Points::Police),
    ("dcc", Points::Police),
    ("sm", Points::Fire),
    ("wm", Points::Fire),
    ("gm", Points::Fire),
    ("cfo", Points::Fire),
    ("cllr", Points::Council),
    ("councillor", Points::Council),
    ("mr", Points::Anyone),
    ("mrs", Points::Anyone),
    ("ms", Points::Anyone),
    ("miss", Points::Anyone),
    ("dr", Points::Anyone),
    ("prof", Points::Anyone),
];

/// Words that make a name an organisation's or a team's, not a person's.
const BODY_WORDS: &[&str] = &[
    "council",
    "police",
    "service",
    "services",
    "team",
    "trust",
    "partnership",
    "board",
    "group",
    "ltd",
    "limited",
    "fire",
    "authority",
    "nhs",
    "unit",
    "department",
    "directorate",
    "office",
    "partners",
    "all",
    "committee",
    "forum",
    "association",
    "agency",
    "college",
    "school",
    "university",
    "housing",
    "cabinet",
    "officers",
    "staff",
];

/// The kind a word (a title) points to, if it is one.
pub fn title(word: &str) -> Option<Points> {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLES.iter().find(|(t, _)| *t == w).map(|(_, p)| *p)
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a name reads as one person's: a title and a name, or two to four capitalised words
/// none of which names a body ("Steve Hume", "Insp Smith"; not "Community Safety Team").
pub fn is_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    if words.iter().any(|w| {
        BODY_WORDS.contains(
            &w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
        )
    }) {
        return false;
    }
    match title(words[0]) {
        Some(_) => words.len() >= 2 && words[1..].iter().all(|w| capitalised(w)),
        None => (2..=4).contains(&words.len()) && words.iter().all(|w| capitalised(w)),
    }
}

/// Splits a cell's name into the people it holds: at a known contact's name, or where a title
/// starts another name, or after a title and surname when a full name follows ("C/Supt Lang
/// Steve Hume" → "C/Supt Lang", "Steve Hume"). A name that cannot be split is itself.
pub fn split_people(name: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 3 || known(name) {
        return vec![name.trim().to_owned()];
    }
    // A known contact's name at the start, and a person (or known contact) after it.
    for i in (1..words.len()).rev() {
        let (head, tail) = (words[..i].join(" "), words[i..].join(" "));
        if known(&head) && (known(&tail) || is_person(&tail)) {
            let mut out = vec![head];
            out.extend(split_people(&tail, known));
            return out;
        }
    }
    // A title further on starts another person.
    if let Some(j) = (2..words.len()).find(|&j| title(words[j]).is_some()) {
        let (head, tail) = (words[..j].join(" "), words[j..].join(" "));
        if is_person(&head) && is_person(&tail) {
            let mut out = vec![head];
            out.extend(split_people(&tail, known));
            return out;
        }
    }
    // A title and a surname, then a full name.
    if title(words[0]).is_some() && words.len() >= 4 {
        let (head, tail) = (words[..2].join(" "), words[2..].join(" "));
        if is_person(&head) && is_person(&tail) {
            let mut out = vec![head];
            out.extend(split_people(&tail, known));
            return out;
        }
    }
    vec![name.trim().to_owned()]
}

/// A person the file names whom the council does not know yet, proposed as a new contact.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposedContact {
    /// The name as written in the file.
    #[schema(example = "Insp Smith")]
    pub name: String,
    /// Where the contact would be made: the organisation the title or the plan points to.
    pub organisation_id: Uuid,
    #[schema(example = "Cleveland Police")]
    pub organisation_name: String,
    /// Why that organisation.
    #[schema(example = "a police rank")]
    pub because: String,
    /// The rows that name the person.
    pub rows: Vec<u32>,
    /// Existing contacts the name resembles (the same surname): perhaps the same person.
    pub candidates: Vec<ContactCandidate>,
    /// Whether the commit creates it (asked for with `create_contacts`).
    pub accepted: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContactCandidate {
    pub id: Uuid,
    pub name: String,
    pub organisation_id: Option<Uuid>,
}

/// Which proposed contacts a commit creates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CreateContacts {
    /// None: the actions naming them are rejected (the default).
    #[default]
    None,
    /// Every one proposed.
    All,
    /// Those named (compared loosely: case, spaces and punctuation do not matter).
    Named(Vec<String>),
}

impl CreateContacts {
    /// From the API's parameter: `all`, or names one per line.
    pub fn parse(raw: Option<&str>) -> Self {
        match raw.map(str::trim) {
            None | Some("") => CreateContacts::None,
            Some(all) if all.eq_ignore_ascii_case("all") => CreateContacts::All,
            Some(names) => CreateContacts::Named(
                names
                    .lines()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
        }
    }

    pub fn accepts(&self, name: &str) -> bool {
        match self {
            CreateContacts::None => false,
            CreateContacts::All => true,
            CreateContacts::Named(names) => {
                names.iter().any(|n| super::loose(n) == super::loose(name))
            }
        }
    }
}

/// The surname of a person's name: its last word.
pub fn surname(name: &str) -> String {
    super::loose(name.split_whitespace().last().unwrap_or(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> bool {
        false
    }

    #[test]
    fn people_and_bodies_are_told_apart() {
        for person in [
            "Insp Smith",
            "Steve Hume",
            "C/Supt Lang",
            "Cllr Jane Jones",
            "Dr A Patel",
        ] {
            assert!(is_person(person), "{person}");
        }
        for body in [
            "Cleveland Police",
            "Community Safety Team",
            "All",
            "SBC",
            "Stockton-on-Tees Borough Council",
            "Acme Widgets Ltd",
        ] {
            assert!(!is_person(body), "{body}");
        }
    }

    #[test]
    fn two_people_in_one_cell_are_split() {
        assert_eq!(
            split_people("C/Supt Lang Steve Hume", &none),
            ["C/Supt Lang", "Steve Hume"]
        );
        assert_eq!(
            split_people("Steve Hume Insp Smith", &none),
            ["Steve Hume", "Insp Smith"]
        );
        assert_eq!(split_people("Insp Smith", &none), ["Insp Smith"]);
        assert_eq!(split_people("Jane Mary Smith", &none), ["Jane Mary Smith"]);
        // A known contact's name decides.
        let known = |n: &str| n == "Jane Mary" || n == "Ann Lee";
        assert_eq!(
            split_people("Jane Mary Ann Lee", &known),
            ["Jane Mary", "Ann Lee"]
        );
    }

    #[test]
    fn the_choice_of_contacts_is_read_from_the_parameter() {
        assert_eq!(CreateContacts::parse(None), CreateContacts::None);
        assert!(CreateContacts::parse(Some("ALL")).accepts("anyone"));
        let some = CreateContacts::parse(Some("Insp Smith\n  Steve  Hume \n"));
        assert!(some.accepts("insp. smith") && some.accepts("Steve Hume"));
        assert!(!some.accepts("Cllr Jones"));
    }
}
