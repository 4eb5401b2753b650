-- An office database written by imcomply at schema 8 (commit 89fc098, before 0010), made by
-- tests/cli/data/make-purge-schema8.sh: two purge runs (one removed 2021's entries, one nothing) and a
-- paper destruction confirmed with a witness, as destruction_records rows. Restore with sqlite3.
PRAGMA application_id = 1229800241;
PRAGMA user_version = 8;
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE office (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO office VALUES(1,'10008','彰化','2021-01-04T09:00:00+08:00');
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  title TEXT,
  unit TEXT,
  -- none: on the roster without an account; pending: application under way
  status TEXT NOT NULL DEFAULT 'none'
    CHECK (status IN ('none', 'pending', 'active', 'suspended', 'terminated')),
  items TEXT NOT NULL DEFAULT '',   -- granted query items, comma-separated (entry-exit,mainland,foreigner)
  deputy TEXT REFERENCES users (login),
  active_since TEXT,                -- date the Agency approved the account
  added_at TEXT NOT NULL
);
INSERT INTO users VALUES(1,'chen','陳大文',NULL,NULL,'none','',NULL,NULL,'2021-01-04T09:00:00+08:00');
INSERT INTO users VALUES(2,'wang','王小明',NULL,NULL,'active','entry-exit',NULL,'2021-01-04','2021-01-04T09:00:00+08:00');
INSERT INTO users VALUES(3,'lin','林美麗',NULL,NULL,'none','',NULL,NULL,'2021-01-04T09:00:00+08:00');
CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  role TEXT NOT NULL CHECK (role IN ('admin', 'auditor', 'head', 'secretary', 'chief', 'officer')),
  granted_at TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  UNIQUE (login, role)
);
INSERT INTO roles VALUES(1,'chen','admin','2021-01-04T09:00:00+08:00','chen');
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  items TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('applied', 'head', 'county', 'agency')),
  applied_on TEXT NOT NULL,
  applied_by TEXT NOT NULL,
  head_on TEXT,
  head_by TEXT,
  county_on TEXT,
  county_by TEXT,
  agency_on TEXT,
  agency_by TEXT,
  agency_ref TEXT
);
INSERT INTO applications VALUES(1,'wang','entry-exit','agency','2021-01-04','chen','2021-01-04','chen','2021-01-04','chen','2021-01-04','chen',NULL);
CREATE TABLE duty_changes (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  kind TEXT NOT NULL CHECK (kind IN ('reassignment', 'transfer', 'suspension', 'resignation', 'retirement')),
  effective_on TEXT NOT NULL,
  deadline_on TEXT NOT NULL,        -- last day to terminate, under the counting in force when recorded
  counting TEXT NOT NULL,           -- calendar | admin-procedure
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  termination_id INTEGER REFERENCES terminations (id)
);
CREATE TABLE terminations (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  reason TEXT NOT NULL CHECK (reason IN ('duty-change', 'cert-lost', 'violation', 'review', 'request')),
  terminated_on TEXT NOT NULL,
  deadline_on TEXT,                 -- of the duty change it answers, if any
  late_days INTEGER NOT NULL DEFAULT 0,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE cert_losses (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  lost_at TEXT NOT NULL,
  notified_at TEXT,
  ref TEXT,
  termination_id INTEGER NOT NULL REFERENCES terminations (id),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE suspensions (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  reason TEXT NOT NULL,
  suspended_at TEXT NOT NULL,
  suspended_by TEXT NOT NULL,
  reinstated_at TEXT,
  reinstated_by TEXT
);
CREATE TABLE agency_registrations (
  id INTEGER PRIMARY KEY,
  registered_by TEXT NOT NULL REFERENCES users (login),
  functions TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  approved_on TEXT,
  recorded_by TEXT NOT NULL
);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL UNIQUE,      -- 2026H2
  started_on TEXT NOT NULL,
  started_by TEXT NOT NULL,
  closed_on TEXT,
  closed_by TEXT
);
CREATE TABLE review_decisions (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES reviews (id),
  login TEXT NOT NULL REFERENCES users (login),
  decision TEXT NOT NULL CHECK (decision IN ('keep', 'revoke')),
  note TEXT,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  UNIQUE (review_id, login)
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  happened TEXT NOT NULL,           -- the event's own date or time
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  os_user TEXT NOT NULL
);
INSERT INTO events VALUES(1,'chen','2021-01-04','added','first administrator of the office','2021-01-04T09:00:00+08:00','chen','root');
INSERT INTO events VALUES(2,'wang','2021-01-04','added','王小明','2021-01-04T09:00:00+08:00','chen','root');
INSERT INTO events VALUES(3,'lin','2021-01-04','added','林美麗','2021-01-04T09:00:00+08:00','chen','root');
INSERT INTO events VALUES(4,'wang','2021-01-04','applied','entry-exit','2021-01-04T09:00:00+08:00','chen','root');
INSERT INTO events VALUES(5,'wang','2021-01-04','approved: head','','2021-01-04T09:00:00+08:00','chen','root');
INSERT INTO events VALUES(6,'wang','2021-01-04','approved: county','','2021-01-04T09:00:00+08:00','chen','root');
INSERT INTO events VALUES(7,'wang','2021-01-04','approved: agency','account active; items entry-exit','2021-01-04T09:00:00+08:00','chen','root');
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  os_user TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  digest TEXT,
  salt TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO journal VALUES(24,'2026-11-20T10:00:00+08:00','chen','root','qlog.add','usage_entries','3','47f4fdfd27eb4135ca6d649a082bddaace531f679ba317f78d3ebfc14550efc6','52c2885427a8d767d9b18d4c72fd1a7c','8a59197fec12e594ad1f776848c10aee0bb2714f39b46b848a89d888981e72e3','e50f16b32b78171513de4f5209bd4e22d70798e64ff2ea74761f2e5da44a932d');
INSERT INTO journal VALUES(25,'2026-11-20T10:00:00+08:00','chen','root','qlog.data.add','obtained_data','1','9bda3d2c57002f0eb134a1c1fd114291f734a28f9dc3e089a7f74901f4f954a0','0b9629d5abf78520e73239dfbea6437c','e50f16b32b78171513de4f5209bd4e22d70798e64ff2ea74761f2e5da44a932d','c4a30241fe9884a401a7b97a89e4ca234da04548168ecc3922fac0d421421382');
INSERT INTO journal VALUES(26,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','1','39256efc02c7b2d86e10ec7de37bb81051a98cca36fcd07a74841a1d843c4575','db8a8ff71f0cc29ebe5373b2f052d26a','c4a30241fe9884a401a7b97a89e4ca234da04548168ecc3922fac0d421421382','a3218d97806994f52f930a64ae5c22eb72057bd1248d9409c46f619b77227dc6');
INSERT INTO journal VALUES(27,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','2','9e255634f5eefe1fd10e5e406ca4d5308198321b8a4a80b2e3dd56fd9a541373','fd69f77dc02684dc372746f5336d3498','a3218d97806994f52f930a64ae5c22eb72057bd1248d9409c46f619b77227dc6','12f44118ddd0c688d8023ca3b8f8ed3b4ccd0a2eccdc7fc43a9c1248af4c3ef1');
INSERT INTO journal VALUES(28,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','3','5c5eead09d637a63062473eba5b6ec41dd200eb94a999db997f2d90a217b1e80','89e6f283ff0cf5f70d0b7831b0ca37d1','12f44118ddd0c688d8023ca3b8f8ed3b4ccd0a2eccdc7fc43a9c1248af4c3ef1','7c61932c1edcf1c63358fae80a8c2a37342e44de49dd3007c7c3050e622e8440');
INSERT INTO journal VALUES(29,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','4','57674ff07fb3d142eba3dfd7d370ef60ed8fb2fb2b2787bce2ba13b85269ceb2','8909ccca157d79c3aa343730e79e0592','7c61932c1edcf1c63358fae80a8c2a37342e44de49dd3007c7c3050e622e8440','d5ffa2598d640588e9807e6d4628aa2db7ec8fc975d85b1e0ee9f676534e417d');
INSERT INTO journal VALUES(30,'2026-11-27T02:30:00+08:00','chen','root','purge','usage_entries','1',NULL,'b65780dc513f29f7adfc642ebf5bd8a9','d5ffa2598d640588e9807e6d4628aa2db7ec8fc975d85b1e0ee9f676534e417d','0d47984b32d25d5d0f57f497034863983830fb1bf8c4dcf42a82db72d5775b58');
INSERT INTO journal VALUES(31,'2026-11-27T02:30:00+08:00','chen','root','purge','usage_entries','2',NULL,'9b0f64ac662f0e4809ed6022fe67b815','0d47984b32d25d5d0f57f497034863983830fb1bf8c4dcf42a82db72d5775b58','24f47120ab2753f54ae69c633f40cd03124e8ba35153cfba99e2dfab0d058a20');
INSERT INTO journal VALUES(32,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','1','18e8efedea44b89d2346d85c11fb670e6e0342eafeb55c1d4f16c8b0c74ee337','a1340b0ddd5ffbe6aa7ac2c8e252e083','24f47120ab2753f54ae69c633f40cd03124e8ba35153cfba99e2dfab0d058a20','a15deb839785e8f3965c72517eef2ac798872ac509409b394d98b3ca1807c4e0');
INSERT INTO journal VALUES(33,'2026-11-27T02:30:00+08:00','chen','root','purge','office','1','0f5d13e2551fbb0f11beab07465719d01de03171b63c9ba86690762be57b6a07','74630ea4effcc674c0608c00f6e16f7b','a15deb839785e8f3965c72517eef2ac798872ac509409b394d98b3ca1807c4e0','f907b19c4e301d6280e3750bb84b82f0165e4d6c90ed08f548abca8a33458e41');
INSERT INTO journal VALUES(34,'2026-11-27T02:30:00+08:00','chen','root','purge','users','1','9dc87a8a6da854b2216ffd005505a7dc353b9f94f3ff47c421ce66a19243551f','51fbbcb04a6f59f8aa31a613eb1f5e85','f907b19c4e301d6280e3750bb84b82f0165e4d6c90ed08f548abca8a33458e41','aaee54addbb50a8e6a6df73bd6451e6e100d3273c23125f32522871aa4258f1d');
INSERT INTO journal VALUES(35,'2026-11-27T02:30:00+08:00','chen','root','purge','os_accounts','1','f457e41d46b7e979965497c93c426137ab103831bb93e560499726adb16ba5b1','e821476a33f73a8751ba38604765946d','aaee54addbb50a8e6a6df73bd6451e6e100d3273c23125f32522871aa4258f1d','65ce38a63a5fe25de2d7eb5a48b5518e2e5e745aedce91423bd0790685883173');
INSERT INTO journal VALUES(36,'2026-11-27T02:30:00+08:00','chen','root','purge','roles','1','f869695620df9cf0a0140bbf16428721d9d7f1df6a44d1e5712667f499144b33','5ae5c7ffe2193c3bf6413ef9ca067186','65ce38a63a5fe25de2d7eb5a48b5518e2e5e745aedce91423bd0790685883173','5a54746b5fb39430d3834b5424736f38061c9b6e61edb2fa08e4a03df446f17b');
INSERT INTO journal VALUES(37,'2026-11-27T02:30:00+08:00','chen','root','purge','events','1','2b5109aef0f4496acdfa63a1c984e4a280551f108cdda30dea2b63ede3f943ef','a290a7d2755d7f7fed4220ced16e26c6','5a54746b5fb39430d3834b5424736f38061c9b6e61edb2fa08e4a03df446f17b','40501a59ae9dddb20847a7cfe56c3d92e7174ea677bea479ae0462bb66d2444c');
INSERT INTO journal VALUES(38,'2026-11-27T02:30:00+08:00','chen','root','purge','os_accounts','2','a851f9331ff66a2148f50669ff2e7903b1401f523a9629ff0a6d0621e9a02974','1c023f0d6cea2dae3ced48028d7d9323','40501a59ae9dddb20847a7cfe56c3d92e7174ea677bea479ae0462bb66d2444c','73bacb78f482abf928d479030d74092d29989b167210adefcd5c8faca565df8e');
INSERT INTO journal VALUES(39,'2026-11-27T02:30:00+08:00','chen','root','purge','events','2','a60fd36ec1aac1e24320775de7a784165c4b079a3146a763caead71aceeb4ed0','9526bf63b0f0f11006b711383eb9b756','73bacb78f482abf928d479030d74092d29989b167210adefcd5c8faca565df8e','26908cdc20667a33262484cc417cd0c3a4da2a9d7230ac6d22195ab4cb41aba7');
INSERT INTO journal VALUES(40,'2026-11-27T02:30:00+08:00','chen','root','purge','users','3','9d1385fcdc8d94a085eaf2225fc5e402132e69b93facd7d5194d66aff3e34e5b','c070f3e552c50fea8a4572ed5ac40187','26908cdc20667a33262484cc417cd0c3a4da2a9d7230ac6d22195ab4cb41aba7','87b3c249cdda16c322517b4e3853515504242c873089f7220192621581cb1809');
INSERT INTO journal VALUES(41,'2026-11-27T02:30:00+08:00','chen','root','purge','os_accounts','3','7760febdc694d6d3c6f6037fb122c73cfe525d2568d5931bd117ba3a671cc869','8973e69c9ac7e3b58e184bbe83107e40','87b3c249cdda16c322517b4e3853515504242c873089f7220192621581cb1809','b8dfb9020b3dd3c52c9059c7e06e4c843e218992a2e873ba72a71c21909c0b4a');
INSERT INTO journal VALUES(42,'2026-11-27T02:30:00+08:00','chen','root','purge','events','3','5ac7fe0563da9468d071bfe21227c849ec8c1c541649a7877dd6783be0d84379','16b6193de6f537db25744f18bb9597dd','b8dfb9020b3dd3c52c9059c7e06e4c843e218992a2e873ba72a71c21909c0b4a','5eccad10cfcfe48d16a464e83ba3e539780048a8e34cf623c149249bea70a0fe');
INSERT INTO journal VALUES(43,'2026-11-27T02:30:00+08:00','chen','root','purge','events','4','78e4c1655adc636abf8ef52cc6abe77674562b90e5325e0c9cc1de94517132db','410ea17a0d61ef343e6485c8389c0eab','5eccad10cfcfe48d16a464e83ba3e539780048a8e34cf623c149249bea70a0fe','8ae09ebe1d2c19cb3c72548101ab97078031d8c23859e94b2025cf940ec6582e');
INSERT INTO journal VALUES(44,'2026-11-27T02:30:00+08:00','chen','root','purge','events','5','b783e0375b9b922371783a8adaba62f3f514f66f1d247b2c13ee305c45c5c488','a76a12fb4dd6d183f0a1bf5d0cb1fd50','8ae09ebe1d2c19cb3c72548101ab97078031d8c23859e94b2025cf940ec6582e','259216050e297ddbf60b7831648a5afb05c1d42e0874dc5c2f50ec8a6cabc331');
INSERT INTO journal VALUES(45,'2026-11-27T02:30:00+08:00','chen','root','purge','events','6','876d05632059ab8584a7c50eaad404a4d81675ca1a91fdbe3c7a77710b4bc7dd','59514e546a5edad2616fffc88c3d9f2b','259216050e297ddbf60b7831648a5afb05c1d42e0874dc5c2f50ec8a6cabc331','9fae092b2e4e5deefd028e7483d9c9138fa934eb8929bed58fb7fe8ce314ff63');
INSERT INTO journal VALUES(46,'2026-11-27T02:30:00+08:00','chen','root','purge','applications','1','4a7db040de0a28204ffe1c2a5ac1710475b4850cafc7c8d7f53237ce9873aa55','301fb5d52167f12d67e4322b25fd0394','9fae092b2e4e5deefd028e7483d9c9138fa934eb8929bed58fb7fe8ce314ff63','deb740f37fa0c9d1c5bbe0f28d216e9316899f2a3b4ea98d250c3e882584ecf4');
INSERT INTO journal VALUES(47,'2026-11-27T02:30:00+08:00','chen','root','purge','users','2','6f1bbcea85cdd845cc9178bbdd98fdec6d89aad740df85a280d11113d4a651dc','29ef4121ee446827ab4801a029a507c8','deb740f37fa0c9d1c5bbe0f28d216e9316899f2a3b4ea98d250c3e882584ecf4','d354fb9d55d1fe3b571546223f0611cb90ab83f75c30d1150d6929f9876b8128');
INSERT INTO journal VALUES(48,'2026-11-27T02:30:00+08:00','chen','root','purge','events','7','a002cd8e61bbe253244ec0c3db751ac4eb26eb7f97941cade5ca7c3692140ad1','16123d250e34b8904c5a0a52b57d26e6','d354fb9d55d1fe3b571546223f0611cb90ab83f75c30d1150d6929f9876b8128','d020fd6ee1c62128f727e3559816fb9d6df1d32216b5324bf563bc7554ddc02b');
INSERT INTO journal VALUES(49,'2026-11-27T02:30:00+08:00','chen','root','purge','purge_cuts','1','16d258558258ad8243f013171349c21fb8a6541fccf236cd43bc29d7e8ca7ce5','6cd0e7843ef0d08d0d2d43a48db1632f','d020fd6ee1c62128f727e3559816fb9d6df1d32216b5324bf563bc7554ddc02b','854e0d8736d49ad807bf6aa50f12b126c94f4a5deab5904b9e3dd69e5ee5c659');
INSERT INTO journal VALUES(50,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','1','0e5434a15f76a4bb49cc707fa983c1924dbeeaadd3a24977a0e2d0004eb30789','a20c4376ba9d157356fa1ca0d4b1e7b3','854e0d8736d49ad807bf6aa50f12b126c94f4a5deab5904b9e3dd69e5ee5c659','4adee6159fa523c8c3f43295ef3444b89eeb4078011115a68fe29e8de7e4a141');
INSERT INTO journal VALUES(51,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','2','5f78f6bcf09323e75237b404b01d0f36c453c6986b808ad6fc6dc98474de5c51','ce03c84cf5951a5883f05a23a38b3dc9','4adee6159fa523c8c3f43295ef3444b89eeb4078011115a68fe29e8de7e4a141','c395ccf73d8b0ea51ae1e37cc5fbd85825f746b787626a94eb23102933e12f01');
INSERT INTO journal VALUES(52,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','3','139f522ce8e80860c31409a97be86a620fd9a973ac1b0f97e1dc31df85790d27','56bf6284a4754eda0d86b1366b4a4d28','c395ccf73d8b0ea51ae1e37cc5fbd85825f746b787626a94eb23102933e12f01','1405e3ba9a6cec7a344659ebb4054e181aeb492c214f8ac08112c2a737fc40c8');
INSERT INTO journal VALUES(53,'2026-11-27T02:30:00+08:00','chen','root','purge','destruction_records','4','1c01c0fb4f72e2c8012da921d9c54739634e81855220f5453f58cd66e8888eab','1905068c198eb609114f16c27956e47c','1405e3ba9a6cec7a344659ebb4054e181aeb492c214f8ac08112c2a737fc40c8','87f5b078210fd6c96dccb29c42738c92fe7c78bce99bac56858fb25e1d4a4e33');
INSERT INTO journal VALUES(54,'2026-11-28T02:30:00+08:00','chen','root','purge','destruction_records','5','8c24aa709553a499950f3ca0d0754ab054b5bff6cf20bbf9f710593280c24bf3','b2d73b080eca10e1aff5a03cc40ec07b','87f5b078210fd6c96dccb29c42738c92fe7c78bce99bac56858fb25e1d4a4e33','4f00c3f3ecb55514fb3e2cee9d12a726cb2333a5159e832a4d67d2c49ce7ab93');
INSERT INTO journal VALUES(55,'2026-11-28T02:30:00+08:00','chen','root','purge','destruction_records','6','f8c31bbf421b5b9e5efb6a3701eb3d13556906bddfe332b8bfe4a2fc454333d3','5f4c19eb390738ba1efc6c3636628809','4f00c3f3ecb55514fb3e2cee9d12a726cb2333a5159e832a4d67d2c49ce7ab93','9a13c28983b027ef056aca0f3ea238534f8ac945ad41b55ecfeca346e7c62d23');
INSERT INTO journal VALUES(56,'2026-11-28T02:30:00+08:00','chen','root','purge','destruction_records','7','69c413246cf872d0b834b880cb2396c1e3f01ee968baa3a6f24b38dae738d11f','e90ab915d92fd920a37cb278f9d0b51a','9a13c28983b027ef056aca0f3ea238534f8ac945ad41b55ecfeca346e7c62d23','52fce355eae2585157edb7c406b7a3d762b434caf363059a16f6859a0b670dc6');
INSERT INTO journal VALUES(57,'2026-11-28T02:30:00+08:00','chen','root','purge','destruction_records','8','b283e35cb57e89e573149f67718ee371aa5ff462e520a791e9caeda6cce2a59b','9b5a757d5ba77e8ea7a8ef6ff0b4856f','52fce355eae2585157edb7c406b7a3d762b434caf363059a16f6859a0b670dc6','e7a861011c621ee1492c8378c59077d5bd769cee5de4a58fa263afb4e32589ed');
INSERT INTO journal VALUES(58,'2026-11-28T02:30:00+08:00','chen','root','purge','destruction_records','5','46541828334b3bb3a177f845aa214ef6c0c1edf2a1c740d4a37983c73fa2da72','f29670d84e2f5c357bf6079237e91c8d','e7a861011c621ee1492c8378c59077d5bd769cee5de4a58fa263afb4e32589ed','b6a85f4652119bfff08ae0171701b2a0b390c3a1007e60a64682595247436e75');
INSERT INTO journal VALUES(59,'2026-11-28T02:30:00+08:00','chen','root','purge','destruction_records','6','ebfcd60614e30171fe13277bf6e5dd55aebdeb8d38f66e812024eadcb6bc651f','0405dcccd26e052919dc63fa6213f5c0','b6a85f4652119bfff08ae0171701b2a0b390c3a1007e60a64682595247436e75','1c942010e0e607c566dff0f8e238978bce0bc70c81b88f8cd38c5eab276913fd');
INSERT INTO journal VALUES(60,'2026-11-28T02:30:00+08:00','chen','root','purge','destruction_records','7','0a7a431065395327fb1f6cfef4429bc93c5efa40e465b7db598bd1c23de3d176','ff1480cc7c778ec46221dfc36797098f','1c942010e0e607c566dff0f8e238978bce0bc70c81b88f8cd38c5eab276913fd','e93b2578b625f910d46a0c75b4b0d05b82d3cffa0c30276a6166f9f9556e1627');
INSERT INTO journal VALUES(61,'2026-11-28T02:30:00+08:00','chen','root','purge','destruction_records','8','d5eb9de9312109492fe7147e7ee67ddd093f87d070ce0315cd1afba8b6426f48','35f2649833763000622e50cd6041a25d','e93b2578b625f910d46a0c75b4b0d05b82d3cffa0c30276a6166f9f9556e1627','d246154e6b11acf8139fc1d9e0022601587defa64424b36c4924b5f5b2f196e7');
INSERT INTO journal VALUES(62,'2026-11-28T09:00:00+08:00','chen','root','purge.confirm','obtained_data','1','e9c83ae80626a62c8e6ce58700442baf5a110bb92c8d8e6b402420b1cd15edcd','35bb469dc93e081c731c87bf25c77683','d246154e6b11acf8139fc1d9e0022601587defa64424b36c4924b5f5b2f196e7','38835f758d6b2b3ca5892bce39eeb355286e6d0256cbda5747f2df67588e9a45');
INSERT INTO journal VALUES(63,'2026-11-28T09:00:00+08:00','chen','root','purge.confirm','destruction_records','9','3d7bc45ea8d662e28de2ebfa5e69714d9a4c5918b635a33b005d8d1460b78cd6','3333b1dfecaacc31d8ff3748818e7316','38835f758d6b2b3ca5892bce39eeb355286e6d0256cbda5747f2df67588e9a45','dbe177ea5212abe36e54f86685bb5af595885fbffd257efccce5100b0d7913b7');
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('usage', 'system')),
  file_name TEXT NOT NULL,
  digest TEXT NOT NULL,             -- SHA-256 of the file's bytes: the same file twice adds nothing
  encoding TEXT NOT NULL,
  rows INTEGER NOT NULL,
  added INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (kind, digest)
);
CREATE TABLE usage_entries (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  item TEXT NOT NULL CHECK (item IN ('entry-exit', 'mainland', 'foreigner')),
  purpose TEXT NOT NULL CHECK (purpose <> ''),
  basis TEXT,                       -- 法令依據
  case_ref TEXT,                    -- 案號
  login_at TEXT NOT NULL,
  logout_at TEXT,                   -- NULL while the session is open
  import_id INTEGER REFERENCES imports (id),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  UNIQUE (login, item, login_at)    -- the natural key: a row imported twice is the same row
);
INSERT INTO usage_entries VALUES(3,'wang','entry-exit','今年查核',NULL,NULL,'2026-11-20T09:00:00+08:00','2026-11-20T09:05:00+08:00',NULL,'2026-11-20T10:00:00+08:00','chen');
CREATE TABLE obtained_data (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES usage_entries (id),
  description TEXT NOT NULL CHECK (description <> ''),
  archive_no TEXT,                  -- filed with a case (隨文附卷): kept under the Archives Act
  destroy_by TEXT,                  -- unfiled: destroyed by the end of this day
  file_path TEXT,                   -- an electronic copy that purge overwrites and unlinks
  destroyed_at TEXT,
  destroyed_by TEXT,
  destruction_method TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  CHECK ((archive_no IS NULL) <> (destroy_by IS NULL))
);
INSERT INTO obtained_data VALUES(1,3,'紙本列印一份',NULL,'2026-11-25',NULL,'2026-11-28T09:00:00+08:00','chen','碎紙機銷毀; witness lin','2026-11-20T10:00:00+08:00','chen');
CREATE TABLE sheet_signoffs (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,              -- 2026-11
  role TEXT NOT NULL CHECK (role IN ('officer', 'secretary', 'director')),
  login TEXT NOT NULL REFERENCES users (login),
  signed_at TEXT NOT NULL,
  checkpoint TEXT,                  -- the journal head the signer saw
  UNIQUE (month, role)
);
CREATE TABLE handovers (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  to_login TEXT NOT NULL REFERENCES users (login),
  handed_on TEXT NOT NULL,
  entries INTEGER NOT NULL,
  data_items INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE system_queries (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports (id),
  queried_at TEXT NOT NULL,
  account TEXT NOT NULL,            -- the system account, as the roster's login
  item TEXT NOT NULL CHECK (item IN ('entry-exit', 'mainland', 'foreigner')),
  subject_hmac TEXT NOT NULL,
  subject_masked TEXT NOT NULL,     -- A12****789
  fields TEXT NOT NULL DEFAULT '',  -- the fields viewed, ';'-separated
  client_ip TEXT,
  UNIQUE (account, queried_at, item, subject_hmac)
);
CREATE TABLE audit_records (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,
  item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 4),
  result TEXT NOT NULL CHECK (result IN ('conform', 'nonconform')),
  note TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  UNIQUE (month, item)
);
CREATE TABLE audit_signoffs (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('auditor', 'chief', 'secretary', 'director')),
  login TEXT NOT NULL REFERENCES users (login),
  signed_at TEXT NOT NULL,
  checkpoint TEXT,
  UNIQUE (month, role)
);
CREATE TABLE audit_plans (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  planned_on TEXT NOT NULL,
  drawn_at TEXT NOT NULL,
  drawn_by TEXT NOT NULL,
  UNIQUE (year, planned_on)
);
CREATE TABLE audits_conducted (
  id INTEGER PRIMARY KEY,
  conducted_on TEXT NOT NULL,
  team TEXT NOT NULL,               -- logins, comma-separated
  note TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  kind TEXT NOT NULL CHECK (kind IN ('violation', 'pdpa-breach')),
  description TEXT NOT NULL,
  action TEXT CHECK (action IN ('suspend', 'terminate')),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE incident_referrals (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  referred_to TEXT NOT NULL CHECK (referred_to IN ('head', 'ethics', 'judiciary')),
  referred_on TEXT NOT NULL,
  ref TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE signing_keys (
  id INTEGER PRIMARY KEY,
  public_key TEXT NOT NULL UNIQUE,  -- raw 32-byte Ed25519 public key, hex
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,             -- the journal record sealed
  hash TEXT NOT NULL,               -- its hash
  sealed_at TEXT NOT NULL,
  sealed_by TEXT NOT NULL,
  key_id INTEGER REFERENCES signing_keys (id),
  signature TEXT                    -- Ed25519 over "imcomply-checkpoint-1:SEQ:HASH:SEALED_AT", hex
);
CREATE TABLE holds (
  id INTEGER PRIMARY KEY,
  login TEXT REFERENCES users (login),  -- a person's records, or
  from_on TEXT,                         -- a period of login days (inclusive)
  to_on TEXT,
  reason TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  released_at TEXT,
  released_by TEXT,
  CHECK ((login IS NOT NULL) <> (from_on IS NOT NULL AND to_on IS NOT NULL))
);
CREATE TABLE destruction_records (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,             -- random, one per purge run
  rule TEXT NOT NULL,               -- the rule applied, e.g. "R4.1 log_retention_years=5"
  cutoff TEXT NOT NULL,             -- entries from this day or earlier were due
  kind TEXT NOT NULL,               -- usage_entries | system_queries | obtained_data | files | paper
  count INTEGER NOT NULL,
  first_day TEXT,                   -- the date range of what went
  last_day TEXT,
  held INTEGER NOT NULL DEFAULT 0,  -- due, but kept under a legal hold
  journal_hash TEXT NOT NULL,       -- the journal's head before the run ("SEQ:HASH")
  method TEXT NOT NULL,
  operator TEXT NOT NULL,
  done_at TEXT NOT NULL,
  UNIQUE (run_id, kind)
);
INSERT INTO destruction_records VALUES(1,'cef75ff0aa78f3b4','R4.1 log_retention_years=5; R3.7','2021-11-26','usage_entries',2,'2021-02-01','2021-03-01',0,'25:c4a30241fe9884a401a7b97a89e4ca234da04548168ecc3922fac0d421421382','rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked','chen','2026-11-27T02:30:00+08:00');
INSERT INTO destruction_records VALUES(2,'cef75ff0aa78f3b4','R4.1 log_retention_years=5; R3.7','2021-11-26','system_queries',0,NULL,NULL,0,'25:c4a30241fe9884a401a7b97a89e4ca234da04548168ecc3922fac0d421421382','rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked','chen','2026-11-27T02:30:00+08:00');
INSERT INTO destruction_records VALUES(3,'cef75ff0aa78f3b4','R4.1 log_retention_years=5; R3.7','2021-11-26','obtained_data',0,NULL,NULL,0,'25:c4a30241fe9884a401a7b97a89e4ca234da04548168ecc3922fac0d421421382','rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked','chen','2026-11-27T02:30:00+08:00');
INSERT INTO destruction_records VALUES(4,'cef75ff0aa78f3b4','R4.1 log_retention_years=5; R3.7','2021-11-26','files',0,NULL,NULL,0,'25:c4a30241fe9884a401a7b97a89e4ca234da04548168ecc3922fac0d421421382','rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked','chen','2026-11-27T02:30:00+08:00');
INSERT INTO destruction_records VALUES(5,'d3cadd0eec0412f9','R4.1 log_retention_years=5; R3.7','2021-11-27','usage_entries',0,NULL,NULL,0,'53:87f5b078210fd6c96dccb29c42738c92fe7c78bce99bac56858fb25e1d4a4e33','rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked','chen','2026-11-28T02:30:00+08:00');
INSERT INTO destruction_records VALUES(6,'d3cadd0eec0412f9','R4.1 log_retention_years=5; R3.7','2021-11-27','system_queries',0,NULL,NULL,0,'53:87f5b078210fd6c96dccb29c42738c92fe7c78bce99bac56858fb25e1d4a4e33','rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked','chen','2026-11-28T02:30:00+08:00');
INSERT INTO destruction_records VALUES(7,'d3cadd0eec0412f9','R4.1 log_retention_years=5; R3.7','2021-11-27','obtained_data',0,NULL,NULL,0,'53:87f5b078210fd6c96dccb29c42738c92fe7c78bce99bac56858fb25e1d4a4e33','rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked','chen','2026-11-28T02:30:00+08:00');
INSERT INTO destruction_records VALUES(8,'d3cadd0eec0412f9','R4.1 log_retention_years=5; R3.7','2021-11-27','files',0,NULL,NULL,0,'53:87f5b078210fd6c96dccb29c42738c92fe7c78bce99bac56858fb25e1d4a4e33','rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked','chen','2026-11-28T02:30:00+08:00');
INSERT INTO destruction_records VALUES(9,'b8afd3ce179a5604','R3.7','2026-11-28','paper',1,'2026-11-25','2026-11-25',0,'62:38835f758d6b2b3ca5892bce39eeb355286e6d0256cbda5747f2df67588e9a45','paper: 碎紙機銷毀; witness lin','chen','2026-11-28T09:00:00+08:00');
CREATE TABLE purge_cuts (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,             -- the last record removed
  hash TEXT NOT NULL,               -- its hash
  run_id TEXT NOT NULL,
  cut_at TEXT NOT NULL
);
INSERT INTO purge_cuts VALUES(1,23,'8a59197fec12e594ad1f776848c10aee0bb2714f39b46b848a89d888981e72e3','cef75ff0aa78f3b4','2026-11-27T02:30:00+08:00');
CREATE TABLE os_accounts (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE REFERENCES users (login),
  os_user TEXT NOT NULL UNIQUE,
  mapped_at TEXT NOT NULL
);
INSERT INTO os_accounts VALUES(1,'chen','chen','2021-01-04T09:00:00+08:00');
INSERT INTO os_accounts VALUES(2,'wang','wang','2021-01-04T09:00:00+08:00');
INSERT INTO os_accounts VALUES(3,'lin','lin','2021-01-04T09:00:00+08:00');
CREATE TABLE data_files (
  id INTEGER PRIMARY KEY REFERENCES obtained_data (id),  -- the item; its file_path is the canonical path
  device INTEGER NOT NULL,          -- st_dev when it was registered
  inode INTEGER NOT NULL            -- st_ino when it was registered
);
CREATE TABLE subject_key_checks (
  id INTEGER PRIMARY KEY,
  check_value TEXT NOT NULL,        -- hex; reveals nothing of the key
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE signed_form_changes (
  id INTEGER PRIMARY KEY,
  form TEXT NOT NULL CHECK (form IN ('annex1', 'annex2')),
  month TEXT NOT NULL,              -- 2026-11
  action TEXT NOT NULL,             -- the command: qlog.add, audit.record, …
  change TEXT NOT NULL,             -- what changed, in words
  reason TEXT NOT NULL CHECK (reason <> ''),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE signed_form_renewals (
  id INTEGER PRIMARY KEY,
  form TEXT NOT NULL CHECK (form IN ('annex1', 'annex2')),
  month TEXT NOT NULL,
  role TEXT NOT NULL,
  login TEXT NOT NULL REFERENCES users (login),
  signed_at TEXT NOT NULL,
  checkpoint TEXT,
  seen_change INTEGER NOT NULL REFERENCES signed_form_changes (id)
);
CREATE INDEX events_by_login ON events (login, happened, id);
CREATE INDEX usage_entries_by_time ON usage_entries (login_at);
CREATE INDEX system_queries_by_time ON system_queries (queried_at);
CREATE INDEX journal_by_row ON journal (entity, entity_id, seq);
COMMIT;
