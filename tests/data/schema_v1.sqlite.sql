-- sqlite_master of a database created by leerkring at schema version 1 (the release before Alembic).
-- Generated once with Store.create; tests/test_migrations.py checks tests/data/schema_v1.py against it.
CREATE INDEX ix_action_kring_status ON action (kring_id, status);

CREATE INDEX ix_entry_author ON entry (author_id);

CREATE INDEX ix_entry_kring_current ON entry (kring_id, is_current);

CREATE INDEX ix_entry_session_current ON entry (session_id, is_current);

CREATE INDEX ix_entry_summary ON entry (session_id, is_current, visibility, principle, kind, author_id);

CREATE TABLE action (
	id INTEGER NOT NULL, 
	kring_id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	entry_uid VARCHAR(32), 
	title TEXT NOT NULL, 
	owner_id INTEGER, 
	due_date DATE, 
	status VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	closed_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT action_status CHECK (status IN ('open','done','continued','dropped')), 
	FOREIGN KEY(kring_id) REFERENCES kring (id) ON DELETE CASCADE, 
	FOREIGN KEY(session_id) REFERENCES session (id) ON DELETE CASCADE, 
	FOREIGN KEY(owner_id) REFERENCES person (id) ON DELETE SET NULL
);

CREATE TABLE action_update (
	id INTEGER NOT NULL, 
	action_id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	effect TEXT NOT NULL, 
	lesson TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	author_id INTEGER, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(action_id) REFERENCES action (id) ON DELETE CASCADE, 
	FOREIGN KEY(session_id) REFERENCES session (id) ON DELETE CASCADE, 
	FOREIGN KEY(author_id) REFERENCES person (id) ON DELETE SET NULL
);

CREATE TABLE attendance (
	session_id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	role VARCHAR(16) NOT NULL, 
	PRIMARY KEY (session_id, person_id), 
	FOREIGN KEY(session_id) REFERENCES session (id) ON DELETE CASCADE, 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE
);

CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(200) NOT NULL, 
	action VARCHAR(64) NOT NULL, 
	detail JSON NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE entry (
	id INTEGER NOT NULL, 
	uid VARCHAR(32) NOT NULL, 
	revision INTEGER NOT NULL, 
	is_current BOOLEAN NOT NULL, 
	client_key VARCHAR(64), 
	session_id INTEGER NOT NULL, 
	kring_id INTEGER NOT NULL, 
	principle VARCHAR(32) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	step VARCHAR(64) NOT NULL, 
	author_id INTEGER, 
	visibility VARCHAR(16) NOT NULL, 
	tags JSON NOT NULL, 
	extra JSON NOT NULL, 
	text TEXT, 
	findings JSON NOT NULL, 
	keep BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	text_removed_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (uid, revision), 
	CONSTRAINT entry_visibility CHECK (visibility IN ('persoonlijk','kring','organisatie')), 
	UNIQUE (client_key), 
	FOREIGN KEY(session_id) REFERENCES session (id) ON DELETE CASCADE, 
	FOREIGN KEY(kring_id) REFERENCES kring (id) ON DELETE CASCADE, 
	FOREIGN KEY(author_id) REFERENCES person (id) ON DELETE SET NULL
);

CREATE TABLE evaluation (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	free_to_speak INTEGER NOT NULL, 
	useful INTEGER NOT NULL, 
	remark TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT evaluation_free CHECK (free_to_speak BETWEEN 1 AND 5), 
	CONSTRAINT evaluation_useful CHECK (useful BETWEEN 1 AND 5), 
	FOREIGN KEY(session_id) REFERENCES session (id) ON DELETE CASCADE
);

CREATE TABLE kring (
	id INTEGER NOT NULL, 
	slug VARCHAR(80) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	name_key VARCHAR(200) NOT NULL, 
	description TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (slug), 
	UNIQUE (name), 
	UNIQUE (name_key)
);

CREATE TABLE leerkring_meta (
	"key" VARCHAR(64) NOT NULL, 
	value VARCHAR(255) NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE membership (
	id INTEGER NOT NULL, 
	kring_id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	role VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (kring_id, person_id), 
	CONSTRAINT membership_role CHECK (role IN ('coach','member','guest','manager')), 
	FOREIGN KEY(kring_id) REFERENCES kring (id) ON DELETE CASCADE, 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE
);

CREATE TABLE person (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	name_key VARCHAR(200) NOT NULL, 
	username VARCHAR(200), 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name), 
	UNIQUE (name_key), 
	UNIQUE (username)
);

CREATE TABLE session (
	id INTEGER NOT NULL, 
	kring_id INTEGER NOT NULL, 
	date DATE NOT NULL, 
	method VARCHAR(64) NOT NULL, 
	title VARCHAR(300) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	notebook VARCHAR(500), 
	created_at DATETIME NOT NULL, 
	closed_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (kring_id, date, method), 
	CONSTRAINT session_status CHECK (status IN ('open','closed')), 
	FOREIGN KEY(kring_id) REFERENCES kring (id) ON DELETE CASCADE
);

CREATE TABLE signal (
	id INTEGER NOT NULL, 
	kring_id INTEGER NOT NULL, 
	session_id INTEGER, 
	title VARCHAR(300) NOT NULL, 
	text TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	raised_at DATETIME NOT NULL, 
	answered_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT signal_status CHECK (status IN ('open','answered','closed')), 
	FOREIGN KEY(kring_id) REFERENCES kring (id) ON DELETE CASCADE, 
	FOREIGN KEY(session_id) REFERENCES session (id) ON DELETE SET NULL
);

CREATE TABLE signal_response (
	id INTEGER NOT NULL, 
	signal_id INTEGER NOT NULL, 
	responder VARCHAR(200) NOT NULL, 
	text TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(signal_id) REFERENCES signal (id) ON DELETE CASCADE
);

