--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: delivery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.delivery (
    id integer NOT NULL,
    subscriber_id integer NOT NULL,
    notification_id integer NOT NULL,
    kind character varying(20) NOT NULL,
    frequency character varying(10) NOT NULL,
    status character varying(20) NOT NULL,
    attempts integer NOT NULL,
    last_error character varying(2000) NOT NULL,
    message_id character varying(300) NOT NULL,
    claimed_by character varying(200) NOT NULL,
    claimed_at timestamp with time zone,
    queued_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone
);


--
-- Name: delivery_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.delivery_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: delivery_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.delivery_id_seq OWNED BY public.delivery.id;


--
-- Name: notification; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notification (
    id integer NOT NULL,
    symbol character varying(500) NOT NULL,
    base_symbol character varying(500) NOT NULL,
    base_id integer,
    area character varying(10) NOT NULL,
    doc_type character varying(20) NOT NULL,
    member character varying(60) NOT NULL,
    member_name character varying(200) NOT NULL,
    agency character varying NOT NULL,
    title character varying NOT NULL,
    description character varying NOT NULL,
    products character varying NOT NULL,
    objectives character varying NOT NULL,
    hs_codes json NOT NULL,
    ics_codes json NOT NULL,
    keywords json NOT NULL,
    language character varying(8) NOT NULL,
    distribution_date date,
    comment_deadline date,
    adoption_date date,
    entry_into_force date,
    entry_into_force_text character varying(500) NOT NULL,
    notification_url character varying(2000) NOT NULL,
    document_urls json NOT NULL,
    source_name character varying(100) NOT NULL,
    raw json NOT NULL,
    content_hash character varying(64) NOT NULL,
    announce boolean NOT NULL,
    matched_at timestamp with time zone,
    first_seen_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: notification_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.notification_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: notification_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.notification_id_seq OWNED BY public.notification.id;


--
-- Name: scheduler_jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scheduler_jobs (
    id character varying(191) NOT NULL,
    next_run_time double precision,
    job_state bytea NOT NULL
);


--
-- Name: scheduler_lease; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scheduler_lease (
    name character varying(60) NOT NULL,
    holder character varying(200) NOT NULL,
    beat integer NOT NULL,
    acquired_at timestamp with time zone,
    renewed_at timestamp with time zone
);


--
-- Name: sector; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sector (
    id character varying(60) NOT NULL,
    name_vi character varying NOT NULL,
    name_en character varying NOT NULL,
    "position" integer NOT NULL,
    rules json NOT NULL
);


--
-- Name: source; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.source (
    id integer NOT NULL,
    name character varying(100) NOT NULL,
    kind character varying(40) NOT NULL,
    url character varying(2000) NOT NULL,
    cursor character varying(200),
    etag character varying(500),
    last_modified character varying(200),
    state json NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: source_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.source_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: source_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.source_id_seq OWNED BY public.source.id;


--
-- Name: sourcerun; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sourcerun (
    id integer NOT NULL,
    source_id integer NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    status character varying(20) NOT NULL,
    fetched integer NOT NULL,
    new integer NOT NULL,
    updated integer NOT NULL,
    error character varying(4000) NOT NULL
);


--
-- Name: sourcerun_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sourcerun_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sourcerun_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sourcerun_id_seq OWNED BY public.sourcerun.id;


--
-- Name: subscriber; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.subscriber (
    id integer NOT NULL,
    email character varying(320) NOT NULL,
    name character varying(200) NOT NULL,
    company character varying(300) NOT NULL,
    language character varying(2) NOT NULL,
    frequency character varying(10) NOT NULL,
    status character varying(20) NOT NULL,
    markets json NOT NULL,
    areas json NOT NULL,
    heartbeat boolean NOT NULL,
    last_heartbeat_at timestamp with time zone,
    origin character varying(500) NOT NULL,
    status_reason character varying(1000) NOT NULL,
    subscribed_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: subscriber_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.subscriber_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: subscriber_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.subscriber_id_seq OWNED BY public.subscriber.id;


--
-- Name: subscribersector; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.subscribersector (
    subscriber_id integer NOT NULL,
    sector_id character varying(60) NOT NULL
);


--
-- Name: tag; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tag (
    id integer NOT NULL,
    notification_id integer NOT NULL,
    sector_id character varying(60) NOT NULL,
    origin character varying(20) NOT NULL,
    status character varying(20) NOT NULL,
    reason character varying NOT NULL,
    rule character varying(200) NOT NULL,
    decided_by character varying(200) NOT NULL,
    decided_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: tag_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.tag_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: tag_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.tag_id_seq OWNED BY public.tag.id;


--
-- Name: delivery id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery ALTER COLUMN id SET DEFAULT nextval('public.delivery_id_seq'::regclass);


--
-- Name: notification id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notification ALTER COLUMN id SET DEFAULT nextval('public.notification_id_seq'::regclass);


--
-- Name: source id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.source ALTER COLUMN id SET DEFAULT nextval('public.source_id_seq'::regclass);


--
-- Name: sourcerun id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sourcerun ALTER COLUMN id SET DEFAULT nextval('public.sourcerun_id_seq'::regclass);


--
-- Name: subscriber id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.subscriber ALTER COLUMN id SET DEFAULT nextval('public.subscriber_id_seq'::regclass);


--
-- Name: tag id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag ALTER COLUMN id SET DEFAULT nextval('public.tag_id_seq'::regclass);


--
-- Data for Name: delivery; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.delivery VALUES (1, 1, 2, 'alert', 'immediate', 'sent', 1, '', '<a5bfa8f974384ac2afedcdf0c4da0c6d.d1@localhost>', '', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00');
INSERT INTO public.delivery VALUES (2, 1, 30, 'alert', 'immediate', 'sent', 1, '', '<a5bfa8f974384ac2afedcdf0c4da0c6d.d2@localhost>', '', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00');
INSERT INTO public.delivery VALUES (3, 1, 36, 'alert', 'immediate', 'sent', 1, '', '<a5bfa8f974384ac2afedcdf0c4da0c6d.d3@localhost>', '', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00');
INSERT INTO public.delivery VALUES (4, 6, 6, 'alert', 'immediate', 'sent', 1, '', '<a5bfa8f974384ac2afedcdf0c4da0c6d.d4@localhost>', '', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00');
INSERT INTO public.delivery VALUES (5, 6, 14, 'alert', 'immediate', 'sent', 1, '', '<a5bfa8f974384ac2afedcdf0c4da0c6d.d5@localhost>', '', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00', '2026-12-01 22:57:23.800064+00');
INSERT INTO public.delivery VALUES (9, 2, 36, 'alert', 'daily', 'sent', 1, '', '<053eba4687f14d8784f607b41cb62d9f.s2@localhost>', '', '2026-12-01 22:57:25.890724+00', '2026-12-01 22:57:25.890724+00', '2026-12-01 22:57:25.890724+00');
INSERT INTO public.delivery VALUES (10, 4, 4, 'alert', 'daily', 'sent', 1, '', '<053eba4687f14d8784f607b41cb62d9f.s4@localhost>', '', '2026-12-01 22:57:25.890724+00', '2026-12-01 22:57:25.890724+00', '2026-12-01 22:57:25.890724+00');
INSERT INTO public.delivery VALUES (11, 7, 2, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s7@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (12, 7, 10, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s7@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (13, 7, 30, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s7@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (14, 9, 2, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (15, 9, 4, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (16, 9, 6, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (17, 9, 10, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (18, 9, 14, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (19, 9, 16, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (20, 9, 20, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (21, 9, 22, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (22, 9, 26, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (23, 9, 28, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (24, 9, 30, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (8, 2, 28, 'alert', 'daily', 'queued', 1, '', '', '', '2026-12-01 22:57:25.890724+00', '2026-12-01 22:57:25.890724+00', NULL);
INSERT INTO public.delivery VALUES (7, 2, 26, 'alert', 'daily', 'queued', 1, '', '', '', '2026-12-01 22:57:25.890724+00', '2026-12-01 22:57:25.890724+00', NULL);
INSERT INTO public.delivery VALUES (6, 2, 10, 'alert', 'daily', 'queued', 1, '', '', '', '2026-12-01 22:57:25.890724+00', '2026-12-01 22:57:25.890724+00', NULL);
INSERT INTO public.delivery VALUES (25, 9, 32, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');
INSERT INTO public.delivery VALUES (26, 9, 36, 'alert', 'weekly', 'sent', 1, '', '<f0021415cece45b48c662dfe7d76e65b.s9@localhost>', '', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00', '2026-12-01 22:57:27.845418+00');


--
-- Data for Name: notification; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.notification VALUES (1, 'G/TBT/N/EU/9101', 'G/TBT/N/EU/9101', NULL, 'TBT', 'regular', 'EU', 'European Union', '', '[SAMPLE] Draft Commission Regulation on deforestation-free supply chains: information requirements for coffee, rubber and wood products', 'The draft lays down the due diligence statement and geolocation data that operators placing coffee, natural rubber and wood products on the Union market must submit.', 'Coffee, not roasted; natural rubber; wood and articles of wood', 'Protection of the environment; Consumer information, labelling', '["090111", "400121", "400122", "4403", "4407"]', '[]', '[]', 'en', '2026-11-17', '2027-01-16', NULL, NULL, '', '', '[]', 'samples', '{"member": "European Union", "symbol": "G/TBT/N/EU/9101", "title": "[SAMPLE] Draft Commission Regulation on deforestation-free supply chains: information requirements for coffee, rubber and wood products", "description": "The draft lays down the due diligence statement and geolocation data that operators placing coffee, natural rubber and wood products on the Union market must submit.", "distributed": "2026-11-17", "products": "Coffee, not roasted; natural rubber; wood and articles of wood", "codes": "0901.11; 4001.21; 4001.22; 4403; 4407", "objectives": "Protection of the environment; Consumer information, labelling", "keywords": "", "regions": "", "deadline": "2027-01-16", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'ec98c505e24f087e9292dbefdbb8a2f10d2b0ff9f375b9308082e18262ab6205', false, '2026-12-01 22:57:13.198645+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (3, 'G/SPS/N/JPN/9103', 'G/SPS/N/JPN/9103', NULL, 'SPS', 'regular', 'JPN', 'Japan', '', '[SAMPLE] Revision of maximum residue limits for agricultural chemicals in foods: cassava and durian', 'Proposed MRLs for difenoconazole in cassava roots and in durian and passion fruit.', 'Cassava roots; durian; passion fruit', 'Food safety', '["071410", "081060", "081090"]', '[]', '["Maximum residue limits (MRLs)"]', 'en', '2026-11-13', '2027-01-12', NULL, NULL, '', '', '[]', 'samples', '{"member": "Japan", "symbol": "G/SPS/N/JPN/9103", "title": "[SAMPLE] Revision of maximum residue limits for agricultural chemicals in foods: cassava and durian", "description": "Proposed MRLs for difenoconazole in cassava roots and in durian and passion fruit.", "distributed": "2026-11-13", "products": "Cassava roots; durian; passion fruit", "codes": "0714.10; 0810.60; 0810.90", "objectives": "Food safety", "keywords": "Maximum residue limits (MRLs)", "regions": "All trading partners", "deadline": "2027-01-12", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'ec70ff2cb529bae1ff1d5849ba3c24c10bcc0f9ac4a554ca9d621ccac75dd806', false, '2026-12-01 22:57:13.199256+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (5, 'G/TBT/N/KOR/9105', 'G/TBT/N/KOR/9105', NULL, 'TBT', 'regular', 'KOR', 'Korea, Republic of', '', '[SAMPLE] Partial amendment to the Standards and Specifications for Wooden Products (formaldehyde emission)', 'Sets formaldehyde emission limits for wooden furniture and wood-based panels sold in Korea.', 'Wooden furniture; plywood; particle board', 'Protection of human health or safety', '["940330", "940360", "4412", "4410"]', '["97.140"]', '[]', 'en', '2026-11-09', '2027-01-08', NULL, NULL, '', '', '[]', 'samples', '{"member": "Korea, Republic of", "symbol": "G/TBT/N/KOR/9105", "title": "[SAMPLE] Partial amendment to the Standards and Specifications for Wooden Products (formaldehyde emission)", "description": "Sets formaldehyde emission limits for wooden furniture and wood-based panels sold in Korea.", "distributed": "2026-11-09", "products": "Wooden furniture; plywood; particle board", "codes": "9403.30; 9403.60; 4412; 4410; 97.140", "objectives": "Protection of human health or safety", "keywords": "", "regions": "", "deadline": "2027-01-08", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '37eeb7481454efcbbed7b128684aaf04d13f9b6bb1824de934b06e0b38f97d02', false, '2026-12-01 22:57:13.199529+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (13, 'G/TBT/N/EU/9113', 'G/TBT/N/EU/9113', NULL, 'TBT', 'regular', 'EU', 'European Union', '', '[SAMPLE] Draft Commission Regulation on labelling of sugar confectionery with added colours', 'Requires a warning label on confectionery containing certain colours.', '', 'Consumer information, labelling', '[]', '[]', '[]', 'en', '2026-10-31', '2026-12-30', NULL, NULL, '', '', '[]', 'samples', '{"member": "European Union", "symbol": "G/TBT/N/EU/9113", "title": "[SAMPLE] Draft Commission Regulation on labelling of sugar confectionery with added colours", "description": "Requires a warning label on confectionery containing certain colours.", "distributed": "2026-10-31", "products": "", "codes": "", "objectives": "Consumer information, labelling", "keywords": "", "regions": "", "deadline": "2026-12-30", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '5e970d08a54ed023801bdcd429452e65b7b797dbb7d2fe483254986f2c304dcb', false, '2026-12-01 22:57:13.209465+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (4, 'G/TBT/N/CHN/9104', 'G/TBT/N/CHN/9104', NULL, 'TBT', 'regular', 'CHN', 'China', '', '[SAMPLE] National Food Safety Standard: Starch and starch products (cassava starch)', 'Specifies quality, hygiene indicators and labelling of edible starches including tapioca (cassava) starch.', 'Cassava starch; tapioca', 'Protection of human health or safety; Consumer information, labelling', '["110814", "1903"]', '["67.180"]', '[]', 'en', '2026-11-11', '2027-01-10', NULL, NULL, '', '', '[]', 'samples', '{"member": "China", "symbol": "G/TBT/N/CHN/9104", "title": "[SAMPLE] National Food Safety Standard: Starch and starch products (cassava starch)", "description": "Specifies quality, hygiene indicators and labelling of edible starches including tapioca (cassava) starch.", "distributed": "2026-11-11", "products": "Cassava starch; tapioca", "codes": "1108.14; 1903; 67.180", "objectives": "Protection of human health or safety; Consumer information, labelling", "keywords": "", "regions": "", "deadline": "2027-01-10", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'ef5ad54790e81d5867e28958f6a11f3d8f20bfabf68d2484c4e946b4ca1e77e7', true, '2026-12-01 22:57:13.199388+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (7, 'G/SPS/N/EU/9107', 'G/SPS/N/EU/9107', NULL, 'SPS', 'regular', 'EU', 'European Union', '', '[SAMPLE] Maximum levels for ochratoxin A in roasted coffee and instant coffee', 'Amends maximum levels of ochratoxin A in roasted coffee beans, ground roasted coffee and soluble coffee.', 'Roasted coffee; instant coffee extracts', 'Food safety', '["090121", "210111"]', '[]', '["Mycotoxins", "Contaminants"]', 'en', '2026-11-06', '2027-01-05', NULL, NULL, '', '', '[]', 'samples', '{"member": "European Union", "symbol": "G/SPS/N/EU/9107", "title": "[SAMPLE] Maximum levels for ochratoxin A in roasted coffee and instant coffee", "description": "Amends maximum levels of ochratoxin A in roasted coffee beans, ground roasted coffee and soluble coffee.", "distributed": "2026-11-06", "products": "Roasted coffee; instant coffee extracts", "codes": "0901.21; 2101.11", "objectives": "Food safety", "keywords": "Mycotoxins; Contaminants", "regions": "All trading partners", "deadline": "2027-01-05", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '2352bbbc9ef2c2a49b4b047990df61172e7e1b1c32cd0c3a354a567157e29fc9', false, '2026-12-01 22:57:13.199918+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (9, 'G/SPS/N/CHN/9109', 'G/SPS/N/CHN/9109', NULL, 'SPS', 'regular', 'CHN', 'China', '', '[SAMPLE] Requirements for registration of overseas producers of imported nuts: macadamia and cashew', 'Registration and inspection requirements for overseas establishments producing tree nuts.', 'Cashew nuts, shelled; macadamia nuts', 'Food safety', '["080132", "080262"]', '[]', '["Food safety", "Certification"]', 'en', '2026-11-04', '2027-01-03', NULL, NULL, '', '', '[]', 'samples', '{"member": "China", "symbol": "G/SPS/N/CHN/9109", "title": "[SAMPLE] Requirements for registration of overseas producers of imported nuts: macadamia and cashew", "description": "Registration and inspection requirements for overseas establishments producing tree nuts.", "distributed": "2026-11-04", "products": "Cashew nuts, shelled; macadamia nuts", "codes": "0801.32; 0802.62", "objectives": "Food safety", "keywords": "Food safety; Certification", "regions": "All trading partners", "deadline": "2027-01-03", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '4ad62c3f1075ca801f375ae0b8b4ee0a4e6ef2c31f1e0fa07faa539a8e0a02d6', false, '2026-12-01 22:57:13.200164+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (11, 'G/SPS/N/KOR/9111', 'G/SPS/N/KOR/9111', NULL, 'SPS', 'regular', 'KOR', 'Korea, Republic of', '', '[SAMPLE] Standards and specifications for health functional foods: ginseng', 'Proposed revision of the standards for red ginseng and ginseng products used in health functional foods.', 'Ginseng roots; health functional foods', 'Food safety', '["121120", "210690"]', '[]', '["Food safety"]', 'en', '2026-11-02', '2027-01-01', NULL, NULL, '', '', '[]', 'samples', '{"member": "Korea, Republic of", "symbol": "G/SPS/N/KOR/9111", "title": "[SAMPLE] Standards and specifications for health functional foods: ginseng", "description": "Proposed revision of the standards for red ginseng and ginseng products used in health functional foods.", "distributed": "2026-11-02", "products": "Ginseng roots; health functional foods", "codes": "1211.20; 2106.90", "objectives": "Food safety", "keywords": "Food safety", "regions": "All trading partners", "deadline": "2027-01-01", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'f7c5a498055bce9e47d27753676f82204d4dae156715998aea23c6ad5953bb43', false, '2026-12-01 22:57:13.209212+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (15, 'G/TBT/N/USA/9115', 'G/TBT/N/USA/9115', NULL, 'TBT', 'regular', 'USA', 'United States of America', '', '[SAMPLE] Labeling requirements for cane sugar and sugar products', 'Proposed rule on the declaration of added sugars for cane and beet sugar products.', 'Cane sugar; refined sugar', 'Consumer information, labelling', '["170114", "170199"]', '[]', '[]', 'en', '2026-10-29', '2026-12-28', NULL, NULL, '', '', '[]', 'samples', '{"member": "United States of America", "symbol": "G/TBT/N/USA/9115", "title": "[SAMPLE] Labeling requirements for cane sugar and sugar products", "description": "Proposed rule on the declaration of added sugars for cane and beet sugar products.", "distributed": "2026-10-29", "products": "Cane sugar; refined sugar", "codes": "1701.14; 1701.99", "objectives": "Consumer information, labelling", "keywords": "", "regions": "", "deadline": "2026-12-28", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'b4108d8f36dfac5fa59acf3d596c8104f15c5b7008f86ca5e17ff27bc7bd53e9', false, '2026-12-01 22:57:13.209718+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (17, 'G/TBT/N/EU/9117', 'G/TBT/N/EU/9117', NULL, 'TBT', 'regular', 'EU', 'European Union', '', '[SAMPLE] Draft Regulation on textile labelling and digital product passport', 'Requires fibre composition and a digital product passport for textile products.', 'Garments; textile products; footwear', 'Consumer information, labelling; Protection of the environment', '["61", "62", "6403"]', '[]', '[]', 'en', '2026-10-27', '2026-12-26', NULL, NULL, '', '', '[]', 'samples', '{"member": "European Union", "symbol": "G/TBT/N/EU/9117", "title": "[SAMPLE] Draft Regulation on textile labelling and digital product passport", "description": "Requires fibre composition and a digital product passport for textile products.", "distributed": "2026-10-27", "products": "Garments; textile products; footwear", "codes": "61; 62; 6403", "objectives": "Consumer information, labelling; Protection of the environment", "keywords": "", "regions": "", "deadline": "2026-12-26", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '399033f2d4ceaccdaffab39aac4559f9f936d8c67e78a999f22828b87f58637c', false, '2026-12-01 22:57:13.209969+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (19, 'G/TBT/N/THA/9119', 'G/TBT/N/THA/9119', NULL, 'TBT', 'regular', 'THA', 'Thailand', '', '[SAMPLE] Draft Ministerial Regulation on natural rubber sheet quality (Thai Industrial Standard)', 'Sets grades and quality requirements for ribbed smoked sheets and block rubber.', 'Natural rubber in smoked sheets; technically specified natural rubber', 'Quality requirements', '["400121", "400122"]', '["83.040.10"]', '[]', 'en', '2026-10-25', '2026-12-24', NULL, NULL, '', '', '[]', 'samples', '{"member": "Thailand", "symbol": "G/TBT/N/THA/9119", "title": "[SAMPLE] Draft Ministerial Regulation on natural rubber sheet quality (Thai Industrial Standard)", "description": "Sets grades and quality requirements for ribbed smoked sheets and block rubber.", "distributed": "2026-10-25", "products": "Natural rubber in smoked sheets; technically specified natural rubber", "codes": "4001.21; 4001.22; 83.040.10", "objectives": "Quality requirements", "keywords": "", "regions": "", "deadline": "2026-12-24", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '93be37f7026ae1c8edd726dbb59efd05dc49654598a563277104a45833d35ff7', false, '2026-12-01 22:57:13.210248+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (21, 'G/SPS/N/CHL/9121', 'G/SPS/N/CHL/9121', NULL, 'SPS', 'regular', 'CHL', 'Chile', '', '[SAMPLE] Phytosanitary requirements for import of macadamia nuts in shell', 'Establishes phytosanitary requirements for macadamia in shell from all origins.', 'Macadamia nuts in shell', 'Plant protection', '["080261"]', '[]', '["Plant health", "Pests"]', 'en', '2026-10-23', '2026-12-22', NULL, NULL, '', '', '[]', 'samples', '{"member": "Chile", "symbol": "G/SPS/N/CHL/9121", "title": "[SAMPLE] Phytosanitary requirements for import of macadamia nuts in shell", "description": "Establishes phytosanitary requirements for macadamia in shell from all origins.", "distributed": "2026-10-23", "products": "Macadamia nuts in shell", "codes": "0802.61", "objectives": "Plant protection", "keywords": "Plant health; Pests", "regions": "All trading partners", "deadline": "2026-12-22", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '9ce50c1b1395ea690944f01d1947cc6f89399a9a7f1fbdec023227f6e3563149', false, '2026-12-01 22:57:13.210472+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (23, 'G/SPS/N/JPN/9123', 'G/SPS/N/JPN/9123', NULL, 'SPS', 'regular', 'JPN', 'Japan', '', '[SAMPLE] Revision of the specifications for food additives: carrageenan and starch derivatives', 'Revised specifications for modified starches used as food additives.', 'Modified starches; food additives', 'Food safety', '["350510"]', '[]', '["Food additives"]', 'en', '2026-10-21', '2026-12-20', NULL, NULL, '', '', '[]', 'samples', '{"member": "Japan", "symbol": "G/SPS/N/JPN/9123", "title": "[SAMPLE] Revision of the specifications for food additives: carrageenan and starch derivatives", "description": "Revised specifications for modified starches used as food additives.", "distributed": "2026-10-21", "products": "Modified starches; food additives", "codes": "3505.10", "objectives": "Food safety", "keywords": "Food additives", "regions": "All trading partners", "deadline": "2026-12-20", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '3ece6e6be1da5a119116bae34c571d206dd0d0386e6d4e95e578b3edaf0c4044', false, '2026-12-01 22:57:13.210752+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (25, 'G/SPS/N/USA/9125', 'G/SPS/N/USA/9125', NULL, 'SPS', 'regular', 'USA', 'United States of America', '', '[SAMPLE] Importation of fresh passion fruit from Viet Nam into the continental United States', 'APHIS proposes to allow fresh passion fruit from Viet Nam subject to a systems approach.', 'Fresh passion fruit', 'Plant protection', '[]', '[]', '["Fruit flies", "Systems approach"]', 'en', '2026-10-19', '2026-12-18', NULL, NULL, '', '', '[]', 'samples', '{"member": "United States of America", "symbol": "G/SPS/N/USA/9125", "title": "[SAMPLE] Importation of fresh passion fruit from Viet Nam into the continental United States", "description": "APHIS proposes to allow fresh passion fruit from Viet Nam subject to a systems approach.", "distributed": "2026-10-19", "products": "Fresh passion fruit", "codes": "", "objectives": "Plant protection", "keywords": "Fruit flies; Systems approach", "regions": "Viet Nam", "deadline": "2026-12-18", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '88abf2be2b0dc14ce99c1bce87db3c6a1e058c82ca1f478d70a9f1bfd4938835', false, '2026-12-01 22:57:13.210968+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (27, 'G/SPS/N/AUS/9127', 'G/SPS/N/AUS/9127', NULL, 'SPS', 'regular', 'AUS', 'Australia', '', '[SAMPLE] Biosecurity import conditions for prawns and prawn products', 'Amends import conditions for uncooked prawns to manage white spot disease.', 'Frozen prawns; prawn meat', 'Animal health', '["030617", "160521"]', '[]', '["White spot syndrome virus"]', 'en', '2026-10-17', '2026-12-16', NULL, NULL, '', '', '[]', 'samples', '{"member": "Australia", "symbol": "G/SPS/N/AUS/9127", "title": "[SAMPLE] Biosecurity import conditions for prawns and prawn products", "description": "Amends import conditions for uncooked prawns to manage white spot disease.", "distributed": "2026-10-17", "products": "Frozen prawns; prawn meat", "codes": "0306.17; 1605.21", "objectives": "Animal health", "keywords": "White spot syndrome virus", "regions": "All trading partners", "deadline": "2026-12-16", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '58d8debb7e23ad1f3552e12979ad8304baf3ec61cb72b9384ebb03ae8b8f7ff2', false, '2026-12-01 22:57:13.211195+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (31, 'G/TBT/N/CHN/9104/Corr.1', 'G/TBT/N/CHN/9104', 4, 'TBT', 'corrigendum', 'CHN', 'China', '', '[SAMPLE] National Food Safety Standard: Starch and starch products (cassava starch)', 'Corrects the HS code given in item 4.', 'Cassava starch', '', '["110814"]', '[]', '[]', 'en', '2026-11-16', NULL, NULL, NULL, '', '', '[]', 'samples', '{"member": "China", "symbol": "G/TBT/N/CHN/9104/Corr.1", "title": "[SAMPLE] National Food Safety Standard: Starch and starch products (cassava starch)", "description": "Corrects the HS code given in item 4.", "distributed": "2026-11-16", "products": "Cassava starch", "codes": "1108.14", "objectives": "", "keywords": "", "regions": "", "deadline": "", "type": "Corrigendum", "link": "", "summary_link": "", "documents": ""}', 'ed50157ad2674bd19a28df500410034f0134cf0876668044c3b1163e722504a9', false, '2026-12-01 22:57:13.220962+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (33, 'G/SPS/N/CHL/9121/Add.1', 'G/SPS/N/CHL/9121', 21, 'SPS', 'addendum', 'CHL', 'Chile', '', '[SAMPLE] Phytosanitary requirements for import of macadamia nuts in shell', 'The measure was adopted and published.', '', '', '[]', '[]', '[]', 'en', '2026-11-12', NULL, NULL, NULL, '', '', '[]', 'samples', '{"member": "Chile", "symbol": "G/SPS/N/CHL/9121/Add.1", "title": "[SAMPLE] Phytosanitary requirements for import of macadamia nuts in shell", "description": "The measure was adopted and published.", "distributed": "2026-11-12", "products": "", "codes": "", "objectives": "", "keywords": "", "regions": "", "deadline": "", "type": "Addendum", "link": "", "summary_link": "", "documents": ""}', '774e4a1ea4a06f25d6592a2ad822e2b878a964feb0093564065a0bfe71bb9059', false, '2026-12-01 22:57:13.221231+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (35, 'G/SPS/N/CHN/9130', 'G/SPS/N/CHN/9130', NULL, 'SPS', 'regular', 'CHN', 'China', '', '[SAMPLE] Inspection and quarantine requirements for imported frozen durian from Viet Nam', 'Requirements for orchards, packing houses and freezing of durian pulp exported to China.', 'Frozen durian; durian pulp', 'Food safety; Plant protection', '["081190"]', '[]', '["Plant health", "Food safety"]', 'en', '2026-10-14', '2026-12-13', NULL, NULL, '', '', '[]', 'samples', '{"member": "China", "symbol": "G/SPS/N/CHN/9130", "title": "[SAMPLE] Inspection and quarantine requirements for imported frozen durian from Viet Nam", "description": "Requirements for orchards, packing houses and freezing of durian pulp exported to China.", "distributed": "2026-10-14", "products": "Frozen durian; durian pulp", "codes": "0811.90", "objectives": "Food safety; Plant protection", "keywords": "Plant health; Food safety", "regions": "Viet Nam", "deadline": "2026-12-13", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '1fab0d7d32a4968822ea56cfe7eaf4ff688e2294be3f98256942f37af3cd63c0', false, '2026-12-01 22:57:13.211569+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (30, 'G/SPS/N/USA/9102/Add.1', 'G/SPS/N/USA/9102', 2, 'SPS', 'addendum', 'USA', 'United States of America', '', '[SAMPLE] Pesticide tolerances: chlorpyrifos in coffee beans and black pepper', 'Final rule adopted; enters into force 180 days after publication.', '', '', '[]', '[]', '[]', 'en', '2026-11-18', NULL, NULL, NULL, '', '', '[]', 'samples', '{"member": "United States of America", "symbol": "G/SPS/N/USA/9102/Add.1", "title": "[SAMPLE] Pesticide tolerances: chlorpyrifos in coffee beans and black pepper", "description": "Final rule adopted; enters into force 180 days after publication.", "distributed": "2026-11-18", "products": "", "codes": "", "objectives": "", "keywords": "", "regions": "", "deadline": "", "type": "Addendum", "link": "", "summary_link": "", "documents": ""}', 'ab39d64afde966e915087ac231b9c9f8d7dbef8d955c266d8ed57ca2a0f2d5c9', true, '2026-12-01 22:57:13.220678+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (36, 'G/TBT/N/JPN/9131', 'G/TBT/N/JPN/9131', NULL, 'TBT', 'regular', 'JPN', 'Japan', '', '[SAMPLE] Amendment of the Quality Labelling Standard for processed foods: instant coffee', 'Labelling of raw material origin for instant coffee.', '', 'Consumer information, labelling', '[]', '[]', '[]', 'en', '2026-10-13', '2026-12-12', NULL, NULL, '', '', '[]', 'samples', '{"member": "Japan", "symbol": "G/TBT/N/JPN/9131", "title": "[SAMPLE] Amendment of the Quality Labelling Standard for processed foods: instant coffee", "description": "Labelling of raw material origin for instant coffee.", "distributed": "2026-10-13", "products": "", "codes": "", "objectives": "Consumer information, labelling", "keywords": "", "regions": "", "deadline": "2026-12-12", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '9bc38e5db2096bafd9a9137b4e9cbbceabf762060b83caad6c663982524c754e', true, '2026-12-01 22:57:13.211748+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (2, 'G/SPS/N/USA/9102', 'G/SPS/N/USA/9102', NULL, 'SPS', 'regular', 'USA', 'United States of America', '', '[SAMPLE] Pesticide tolerances: chlorpyrifos in coffee beans and black pepper', 'The Environmental Protection Agency proposes to revoke tolerances for residues of chlorpyrifos in or on coffee, green bean and pepper, black.', 'Coffee beans, green; black pepper', 'Food safety', '["090111", "090411"]', '[]', '["Pesticides", "Maximum residue limits (MRLs)"]', 'en', '2026-11-15', '2027-01-14', NULL, NULL, '', '', '[]', 'samples', '{"member": "United States of America", "symbol": "G/SPS/N/USA/9102", "title": "[SAMPLE] Pesticide tolerances: chlorpyrifos in coffee beans and black pepper", "description": "The Environmental Protection Agency proposes to revoke tolerances for residues of chlorpyrifos in or on coffee, green bean and pepper, black.", "distributed": "2026-11-15", "products": "Coffee beans, green; black pepper", "codes": "0901.11; 0904.11", "objectives": "Food safety", "keywords": "Pesticides; Maximum residue limits (MRLs)", "regions": "All trading partners", "deadline": "2027-01-14", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'd4891bb1c904e8f373f492a43747c4cd4969c0d0d29d72116bdc60fff24f79d7', true, '2026-12-01 22:57:13.199001+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (6, 'G/SPS/N/AUS/9106', 'G/SPS/N/AUS/9106', NULL, 'SPS', 'regular', 'AUS', 'Australia', '', '[SAMPLE] Import requirements for fresh avocado fruit from Viet Nam', 'Draft report of the review of biosecurity import requirements for fresh avocado fruit, including pest risk management for fruit flies.', 'Fresh avocado', 'Plant protection; Protect territory from other damage from pests', '["080440"]', '[]', '["Fruit flies", "Pest risk analysis"]', 'en', '2026-11-07', '2027-01-06', NULL, NULL, '', '', '[]', 'samples', '{"member": "Australia", "symbol": "G/SPS/N/AUS/9106", "title": "[SAMPLE] Import requirements for fresh avocado fruit from Viet Nam", "description": "Draft report of the review of biosecurity import requirements for fresh avocado fruit, including pest risk management for fruit flies.", "distributed": "2026-11-07", "products": "Fresh avocado", "codes": "0804.40", "objectives": "Plant protection; Protect territory from other damage from pests", "keywords": "Fruit flies; Pest risk analysis", "regions": "Viet Nam", "deadline": "2027-01-06", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '9308f54b20d34f0e80b16f7ac1b7f796002dfbdb2498105038b4a6d6f956a5e8', true, '2026-12-01 22:57:13.199641+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (8, 'G/TBT/N/USA/9108', 'G/TBT/N/USA/9108', NULL, 'TBT', 'regular', 'USA', 'United States of America', '', '[SAMPLE] Energy conservation program: test procedures for electric motors', 'Amends test procedures for small electric motors.', 'Electric motors', 'Prevention of deceptive practices and consumer protection', '["8501"]', '[]', '[]', 'en', '2026-11-05', '2027-01-04', NULL, NULL, '', '', '[]', 'samples', '{"member": "United States of America", "symbol": "G/TBT/N/USA/9108", "title": "[SAMPLE] Energy conservation program: test procedures for electric motors", "description": "Amends test procedures for small electric motors.", "distributed": "2026-11-05", "products": "Electric motors", "codes": "8501", "objectives": "Prevention of deceptive practices and consumer protection", "keywords": "", "regions": "", "deadline": "2027-01-04", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'dcbcbc5334b47fd54c4c25183b3344fb776f83dff3c116bab3509e1b2cfecac0', true, '2026-12-01 22:57:13.200039+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (10, 'G/TBT/N/JPN/9110', 'G/TBT/N/JPN/9110', NULL, 'TBT', 'regular', 'JPN', 'Japan', '', '[SAMPLE] Partial revision of the Japanese Agricultural Standard for organic processed foods (pepper and spices)', 'Revises labelling rules for organic spices including pepper and cinnamon.', 'Pepper; cinnamon; spices', 'Consumer information, labelling', '["0904", "0906", "0910"]', '[]', '[]', 'en', '2026-11-03', '2027-01-02', NULL, NULL, '', '', '[]', 'samples', '{"member": "Japan", "symbol": "G/TBT/N/JPN/9110", "title": "[SAMPLE] Partial revision of the Japanese Agricultural Standard for organic processed foods (pepper and spices)", "description": "Revises labelling rules for organic spices including pepper and cinnamon.", "distributed": "2026-11-03", "products": "Pepper; cinnamon; spices", "codes": "0904; 0906; 0910", "objectives": "Consumer information, labelling", "keywords": "", "regions": "", "deadline": "2027-01-02", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '2d85f33856f0b5261802c76ca6fa9328cff4cef4af169fc85dbb689711113a0b', true, '2026-12-01 22:57:13.209005+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (12, 'G/TBT/N/AUS/9112', 'G/TBT/N/AUS/9112', NULL, 'TBT', 'regular', 'AUS', 'Australia', '', '[SAMPLE] Consumer goods (children''s toys containing magnets) safety standard', 'Mandatory safety standard for toys containing small magnets.', 'Toys', 'Protection of human health or safety', '["9503"]', '[]', '[]', 'en', '2026-11-01', '2026-12-31', NULL, NULL, '', '', '[]', 'samples', '{"member": "Australia", "symbol": "G/TBT/N/AUS/9112", "title": "[SAMPLE] Consumer goods (children''s toys containing magnets) safety standard", "description": "Mandatory safety standard for toys containing small magnets.", "distributed": "2026-11-01", "products": "Toys", "codes": "9503", "objectives": "Protection of human health or safety", "keywords": "", "regions": "", "deadline": "2026-12-31", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '6fc9b528f391f88ce2f9fa6c6dab44514b9718388e16d3ebb1cb4a07c435d13b', true, '2026-12-01 22:57:13.20934+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (14, 'G/SPS/N/TPKM/9114', 'G/SPS/N/TPKM/9114', NULL, 'SPS', 'regular', 'TPKM', 'Chinese Taipei', '', '[SAMPLE] Draft amendment to the Standards for Pesticide Residue Limits in Foods (durian, passion fruit)', 'Proposed MRLs for several pesticides in tropical fruits.', 'Durian; passion fruit; dragon fruit', 'Food safety', '["081060", "081090"]', '[]', '["Pesticides", "Maximum residue limits (MRLs)"]', 'en', '2026-10-30', '2026-12-29', NULL, NULL, '', '', '[]', 'samples', '{"member": "Chinese Taipei", "symbol": "G/SPS/N/TPKM/9114", "title": "[SAMPLE] Draft amendment to the Standards for Pesticide Residue Limits in Foods (durian, passion fruit)", "description": "Proposed MRLs for several pesticides in tropical fruits.", "distributed": "2026-10-30", "products": "Durian; passion fruit; dragon fruit", "codes": "0810.60; 0810.90", "objectives": "Food safety", "keywords": "Pesticides; Maximum residue limits (MRLs)", "regions": "All trading partners", "deadline": "2026-12-29", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '025cc3597cdd9c50e61ef668652aa1fc7018ea14ed6f802e6510d6cdc02caf16', true, '2026-12-01 22:57:13.2096+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (16, 'G/SPS/N/CAN/9116', 'G/SPS/N/CAN/9116', NULL, 'SPS', 'regular', 'CAN', 'Canada', '', '[SAMPLE] Proposed maximum residue limit: fluopyram in fish and shrimp', 'MRLs for veterinary drug residues in farmed fish and crustaceans.', 'Farmed shrimp; pangasius fillets', 'Food safety', '["030617", "030462"]', '[]', '["Veterinary drugs"]', 'en', '2026-10-28', '2026-12-27', NULL, NULL, '', '', '[]', 'samples', '{"member": "Canada", "symbol": "G/SPS/N/CAN/9116", "title": "[SAMPLE] Proposed maximum residue limit: fluopyram in fish and shrimp", "description": "MRLs for veterinary drug residues in farmed fish and crustaceans.", "distributed": "2026-10-28", "products": "Farmed shrimp; pangasius fillets", "codes": "0306.17; 0304.62", "objectives": "Food safety", "keywords": "Veterinary drugs", "regions": "All trading partners", "deadline": "2026-12-27", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'c64eb72059eb8eaed30c6135852eece0bcab2787597a19c4409816bb889987bb', true, '2026-12-01 22:57:13.209846+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (18, 'G/TBT/N/KOR/9118', 'G/TBT/N/KOR/9118', NULL, 'TBT', 'regular', 'KOR', 'Korea, Republic of', '', '[SAMPLE] Mandatory certification of steel reinforcing bars (KS D 3504)', 'Steel bars for concrete reinforcement must be certified to KS D 3504.', 'Steel reinforcing bars', 'Protection of human health or safety; Quality requirements', '["721420"]', '["77.140.15"]', '[]', 'en', '2026-10-26', '2026-12-25', NULL, NULL, '', '', '[]', 'samples', '{"member": "Korea, Republic of", "symbol": "G/TBT/N/KOR/9118", "title": "[SAMPLE] Mandatory certification of steel reinforcing bars (KS D 3504)", "description": "Steel bars for concrete reinforcement must be certified to KS D 3504.", "distributed": "2026-10-26", "products": "Steel reinforcing bars", "codes": "7214.20; 77.140.15", "objectives": "Protection of human health or safety; Quality requirements", "keywords": "", "regions": "", "deadline": "2026-12-25", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '95a8d86e37339c974646ff19da4532dc29c301e8cf321966ddf06e1d41e72bcf', true, '2026-12-01 22:57:13.210131+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (20, 'G/TBT/N/SAU/9120', 'G/TBT/N/SAU/9120', NULL, 'TBT', 'regular', 'SAU', 'Saudi Arabia, Kingdom of', '', '[SAMPLE] Technical regulation for coffee and coffee products', 'Requirements for green, roasted and instant coffee, including labelling in Arabic.', 'Green coffee; roasted coffee; instant coffee', 'Consumer information, labelling; Quality requirements', '["0901", "210111"]', '[]', '[]', 'en', '2026-10-24', '2026-12-23', NULL, NULL, '', '', '[]', 'samples', '{"member": "Saudi Arabia, Kingdom of", "symbol": "G/TBT/N/SAU/9120", "title": "[SAMPLE] Technical regulation for coffee and coffee products", "description": "Requirements for green, roasted and instant coffee, including labelling in Arabic.", "distributed": "2026-10-24", "products": "Green coffee; roasted coffee; instant coffee", "codes": "0901; 2101.11", "objectives": "Consumer information, labelling; Quality requirements", "keywords": "", "regions": "", "deadline": "2026-12-23", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'fa6757cb990fffcaca1d6c03bd79605239d33e6b04dc63032371a56b29180fbe', true, '2026-12-01 22:57:13.210363+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (22, 'G/TBT/N/GBR/9122', 'G/TBT/N/GBR/9122', NULL, 'TBT', 'regular', 'GBR', 'United Kingdom', '', '[SAMPLE] Timber and timber products placed on the market: due diligence (UK Timber Regulations)', 'Amends due diligence duties for timber and wooden furniture.', 'Timber; plywood; wooden furniture', 'Protection of the environment', '["4407", "4412", "9403"]', '[]', '[]', 'en', '2026-10-22', '2026-12-21', NULL, NULL, '', '', '[]', 'samples', '{"member": "United Kingdom", "symbol": "G/TBT/N/GBR/9122", "title": "[SAMPLE] Timber and timber products placed on the market: due diligence (UK Timber Regulations)", "description": "Amends due diligence duties for timber and wooden furniture.", "distributed": "2026-10-22", "products": "Timber; plywood; wooden furniture", "codes": "4407; 4412; 9403", "objectives": "Protection of the environment", "keywords": "", "regions": "", "deadline": "2026-12-21", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'b25bf9f56ecff3c890561eb9d71d73ed3b1fe7c5c675d51c50cb8a8a578d3f3a', true, '2026-12-01 22:57:13.210592+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (24, 'G/TBT/N/CHN/9124', 'G/TBT/N/CHN/9124', NULL, 'TBT', 'regular', 'CHN', 'China', '', '[SAMPLE] Mandatory national standard: Safety of electric household appliances', 'Revises general safety requirements for household electric appliances.', 'Household electrical appliances', 'Protection of human health or safety', '["8509", "8516"]', '[]', '[]', 'en', '2026-10-20', '2026-12-19', NULL, NULL, '', '', '[]', 'samples', '{"member": "China", "symbol": "G/TBT/N/CHN/9124", "title": "[SAMPLE] Mandatory national standard: Safety of electric household appliances", "description": "Revises general safety requirements for household electric appliances.", "distributed": "2026-10-20", "products": "Household electrical appliances", "codes": "8509; 8516", "objectives": "Protection of human health or safety", "keywords": "", "regions": "", "deadline": "2026-12-19", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '6304f0acdde8411588a2fa1d3638c31123e4c89a54104b3edbbc84a11c4ae92d', true, '2026-12-01 22:57:13.210866+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (26, 'G/TBT/N/EU/9126', 'G/TBT/N/EU/9126', NULL, 'TBT', 'regular', 'EU', 'European Union', '', '[SAMPLE] Draft Implementing Regulation on herbal medicinal products: traditional use registration', 'Updates the list of herbal substances, preparations and combinations for traditional herbal medicinal products, including ginseng root.', 'Herbal substances; ginseng root; traditional herbal medicines', 'Protection of human health or safety', '[]', '[]', '[]', 'en', '2026-10-18', '2026-12-17', NULL, NULL, '', '', '[]', 'samples', '{"member": "European Union", "symbol": "G/TBT/N/EU/9126", "title": "[SAMPLE] Draft Implementing Regulation on herbal medicinal products: traditional use registration", "description": "Updates the list of herbal substances, preparations and combinations for traditional herbal medicinal products, including ginseng root.", "distributed": "2026-10-18", "products": "Herbal substances; ginseng root; traditional herbal medicines", "codes": "", "objectives": "Protection of human health or safety", "keywords": "", "regions": "", "deadline": "2026-12-17", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'd1584ddbb79f729ddde87920116a1344d1c6aa4e639f0aa4b747aba2ba65e028', true, '2026-12-01 22:57:13.211082+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (28, 'G/SPS/N/KOR/9128', 'G/SPS/N/KOR/9128', NULL, 'SPS', 'regular', 'KOR', 'Korea, Republic of', '', '[SAMPLE] Maximum residue limits for pesticides in coffee and cocoa beans', 'Proposes new MRLs for pesticides in coffee beans.', 'Coffee beans', 'Food safety', '["0901"]', '[]', '["Pesticides"]', 'en', '2026-10-16', '2026-12-15', NULL, NULL, '', '', '[]', 'samples', '{"member": "Korea, Republic of", "symbol": "G/SPS/N/KOR/9128", "title": "[SAMPLE] Maximum residue limits for pesticides in coffee and cocoa beans", "description": "Proposes new MRLs for pesticides in coffee beans.", "distributed": "2026-10-16", "products": "Coffee beans", "codes": "0901", "objectives": "Food safety", "keywords": "Pesticides", "regions": "All trading partners", "deadline": "2026-12-15", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', 'f8aafe1c1e31f1845ae79e1bf8e62b985d5268803a595b063c28503fec3d9ab5', true, '2026-12-01 22:57:13.211357+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (32, 'G/TBT/N/KOR/9105/Rev.1', 'G/TBT/N/KOR/9105', 5, 'TBT', 'revision', 'KOR', 'Korea, Republic of', '', '[SAMPLE] Partial amendment to the Standards and Specifications for Wooden Products (formaldehyde emission)', 'Revised draft replacing the original notification: the limits now also cover bamboo furniture.', 'Wooden and bamboo furniture', 'Protection of human health or safety', '["940360", "940382"]', '[]', '[]', 'en', '2026-11-14', '2027-01-13', NULL, NULL, '', '', '[]', 'samples', '{"member": "Korea, Republic of", "symbol": "G/TBT/N/KOR/9105/Rev.1", "title": "[SAMPLE] Partial amendment to the Standards and Specifications for Wooden Products (formaldehyde emission)", "description": "Revised draft replacing the original notification: the limits now also cover bamboo furniture.", "distributed": "2026-11-14", "products": "Wooden and bamboo furniture", "codes": "9403.60; 9403.82", "objectives": "Protection of human health or safety", "keywords": "", "regions": "", "deadline": "2027-01-13", "type": "Revision", "link": "", "summary_link": "", "documents": ""}', '340cc507abb8e4a55b09d8b2a53bec596a40f03b5ff93ad93c93e8320299ea85', true, '2026-12-01 22:57:13.221122+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (34, 'G/TBT/N/EU/9129', 'G/TBT/N/EU/9129', NULL, 'TBT', 'regular', 'EU', 'European Union', '', '[SAMPLE] Packaging and packaging waste: recycled content in plastic packaging', 'Minimum recycled content for plastic packaging placed on the market.', 'Plastic packaging; bottles', 'Protection of the environment', '["3923"]', '["55.020"]', '[]', 'en', '2026-10-15', '2026-12-14', NULL, NULL, '', '', '[]', 'samples', '{"member": "European Union", "symbol": "G/TBT/N/EU/9129", "title": "[SAMPLE] Packaging and packaging waste: recycled content in plastic packaging", "description": "Minimum recycled content for plastic packaging placed on the market.", "distributed": "2026-10-15", "products": "Plastic packaging; bottles", "codes": "3923; ICS 55.020", "objectives": "Protection of the environment", "keywords": "", "regions": "", "deadline": "2026-12-14", "type": "Regular", "link": "", "summary_link": "", "documents": ""}', '472dd6538952bd04e4b9e9cc108446ca4331b1ee94b81db1a1fd2e78e31f9955', true, '2026-12-01 22:57:13.211466+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');
INSERT INTO public.notification VALUES (29, 'G/TBT/N/EU/9101/Add.1', 'G/TBT/N/EU/9101', 1, 'TBT', 'addendum', 'EU', 'European Union', '', '[SAMPLE] Draft Commission Regulation on deforestation-free supply chains: information requirements for coffee, rubber and wood products', 'The comment period has been extended by 30 days.', '', '', '[]', '[]', '[]', 'en', '2026-11-19', '2027-02-17', NULL, NULL, '', '', '[]', 'samples', '{"member": "European Union", "symbol": "G/TBT/N/EU/9101/Add.1", "title": "[SAMPLE] Draft Commission Regulation on deforestation-free supply chains: information requirements for coffee, rubber and wood products", "description": "The comment period has been extended by 30 days.", "distributed": "2026-11-19", "products": "", "codes": "", "objectives": "", "keywords": "", "regions": "", "deadline": "2027-02-17", "type": "Addendum", "link": "", "summary_link": "", "documents": ""}', '1626bd37ad3e102cff56ea3fe49c275ceba72169551a36f3c3009122b6720885', false, '2026-12-01 22:57:23.78386+00', '2026-12-01 22:57:12.917361+00', '2026-12-01 22:57:12.917361+00');


--
-- Data for Name: scheduler_jobs; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.scheduler_jobs VALUES ('daily', 1796169600, '\x80059516040000000000007d94288c0776657273696f6e944b018c026964948c056461696c79948c0466756e63948c20746274616c6572742e7363686564756c65723a72756e5f7363686564756c6564948c0774726967676572948c1961707363686564756c65722e74726967676572732e63726f6e948c0b43726f6e547269676765729493942981947d942868014b028c0874696d657a6f6e65948c086275696c74696e73948c07676574617474729493948c087a6f6e65696e666f948c085a6f6e65496e666f9493948c095f756e7069636b6c6594869452948c10417369612f486f5f4368695f4d696e68944b01869452948c0a73746172745f64617465944e8c08656e645f64617465944e8c066669656c6473945d94288c2061707363686564756c65722e74726967676572732e63726f6e2e6669656c6473948c09426173654669656c649493942981947d94288c046e616d65948c0479656172948c0a69735f64656661756c7494888c0b65787072657373696f6e73945d948c2561707363686564756c65722e74726967676572732e63726f6e2e65787072657373696f6e73948c0d416c6c45787072657373696f6e9493942981947d948c0473746570944e7362617562681d8c0a4d6f6e74684669656c649493942981947d942868228c056d6f6e74689468248868255d9468292981947d94682c4e7362617562681d8c0f4461794f664d6f6e74684669656c649493942981947d942868228c036461799468248868255d9468292981947d94682c4e7362617562681d8c095765656b4669656c649493942981947d942868228c047765656b9468248868255d9468292981947d94682c4e7362617562681d8c0e4461794f665765656b4669656c649493942981947d942868228c0b6461795f6f665f7765656b9468248868255d9468292981947d94682c4e7362617562681f2981947d942868228c04686f75729468248968255d9468278c0f52616e676545787072657373696f6e9493942981947d9428682c4e8c056669727374944b078c046c617374944b077562617562681f2981947d942868228c066d696e7574659468248968255d9468522981947d9428682c4e68554b0068564b007562617562681f2981947d942868228c067365636f6e649468248868255d9468522981947d9428682c4e68554b0068564b007562617562658c066a6974746572944e75628c086578656375746f72948c0764656661756c74948c046172677394680385948c066b7761726773947d9468228c0c6461696c7920646967657374948c126d6973666972655f67726163655f74696d65944a905f01008c08636f616c6573636594888c0d6d61785f696e7374616e636573944b018c0d6e6578745f72756e5f74696d65948c086461746574696d65948c086461746574696d65949394430a07ea0c0207000000000094681886945294752e');
INSERT INTO public.scheduler_jobs VALUES ('weekly', 1796603400, '\x8005953c040000000000007d94288c0776657273696f6e944b018c026964948c067765656b6c79948c0466756e63948c20746274616c6572742e7363686564756c65723a72756e5f7363686564756c6564948c0774726967676572948c1961707363686564756c65722e74726967676572732e63726f6e948c0b43726f6e547269676765729493942981947d942868014b028c0874696d657a6f6e65948c086275696c74696e73948c07676574617474729493948c087a6f6e65696e666f948c085a6f6e65496e666f9493948c095f756e7069636b6c6594869452948c10417369612f486f5f4368695f4d696e68944b01869452948c0a73746172745f64617465944e8c08656e645f64617465944e8c066669656c6473945d94288c2061707363686564756c65722e74726967676572732e63726f6e2e6669656c6473948c09426173654669656c649493942981947d94288c046e616d65948c0479656172948c0a69735f64656661756c7494888c0b65787072657373696f6e73945d948c2561707363686564756c65722e74726967676572732e63726f6e2e65787072657373696f6e73948c0d416c6c45787072657373696f6e9493942981947d948c0473746570944e7362617562681d8c0a4d6f6e74684669656c649493942981947d942868228c056d6f6e74689468248868255d9468292981947d94682c4e7362617562681d8c0f4461794f664d6f6e74684669656c649493942981947d942868228c036461799468248868255d9468292981947d94682c4e7362617562681d8c095765656b4669656c649493942981947d942868228c047765656b9468248868255d9468292981947d94682c4e7362617562681d8c0e4461794f665765656b4669656c649493942981947d942868228c0b6461795f6f665f7765656b9468248968255d9468278c165765656b64617952616e676545787072657373696f6e9493942981947d9428682c4e8c056669727374944b008c046c617374944b007562617562681f2981947d942868228c04686f75729468248968255d9468278c0f52616e676545787072657373696f6e9493942981947d9428682c4e684f4b0768504b077562617562681f2981947d942868228c066d696e7574659468248968255d9468562981947d9428682c4e684f4b1e68504b1e7562617562681f2981947d942868228c067365636f6e649468248868255d9468562981947d9428682c4e684f4b0068504b007562617562658c066a6974746572944e75628c086578656375746f72948c0764656661756c74948c046172677394680385948c066b7761726773947d9468228c0d7765656b6c7920646967657374948c126d6973666972655f67726163655f74696d65944a904809008c08636f616c6573636594888c0d6d61785f696e7374616e636573944b018c0d6e6578745f72756e5f74696d65948c086461746574696d65948c086461746574696d65949394430a07ea0c07071e0000000094681886945294752e');
INSERT INTO public.scheduler_jobs VALUES ('fetch:samples', 1796187451.232114, '\x8005951e020000000000007d94288c0776657273696f6e944b018c026964948c0d66657463683a73616d706c6573948c0466756e63948c20746274616c6572742e7363686564756c65723a72756e5f7363686564756c6564948c0774726967676572948c1d61707363686564756c65722e74726967676572732e696e74657276616c948c0f496e74657276616c547269676765729493942981947d942868014b028c0874696d657a6f6e65948c086275696c74696e73948c07676574617474729493948c087a6f6e65696e666f948c085a6f6e65496e666f9493948c095f756e7069636b6c6594869452948c10417369612f486f5f4368695f4d696e68944b01869452948c0a73746172745f64617465948c086461746574696d65948c086461746574696d65949394430a07ea0c020b391f0389f2946818869452948c08656e645f64617465944e8c08696e74657276616c94681a8c0974696d6564656c74619493944b004d60544b00879452948c066a6974746572944e75628c086578656375746f72948c0764656661756c74948c0461726773948c056665746368948c0773616d706c65739486948c066b7761726773947d948c046e616d65948c0d66657463682073616d706c6573948c126d6973666972655f67726163655f74696d65944d70628c08636f616c6573636594888c0d6d61785f696e7374616e636573944b018c0d6e6578745f72756e5f74696d6594681c430a07ea0c020b391f038ab294681886945294752e');


--
-- Data for Name: scheduler_lease; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.scheduler_lease VALUES ('scheduler', '', 3, '2026-12-01 22:57:31.20573+00', '2026-12-01 22:57:36.658557+00');


--
-- Data for Name: sector; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.sector VALUES ('coffee', 'Cà phê', 'Coffee', 0, '{"hs": ["0901", "210111", "210112"], "ics": ["67.140.20"], "keywords": {"en": ["coffee", "robusta", "arabica", "decaffeinated coffee", "coffee bean", "green coffee", "roasted coffee", "instant coffee", "coffee extract"], "fr": ["caf\u00e9", "caf\u00e9 vert", "caf\u00e9 torr\u00e9fi\u00e9", "caf\u00e9 soluble", "grains de caf\u00e9"], "es": ["caf\u00e9", "caf\u00e9 verde", "caf\u00e9 tostado", "caf\u00e9 soluble", "granos de caf\u00e9"], "vi": ["c\u00e0 ph\u00ea", "c\u00e0 ph\u00ea nh\u00e2n", "c\u00e0 ph\u00ea rang", "c\u00e0 ph\u00ea h\u00f2a tan"]}}');
INSERT INTO public.sector VALUES ('rubber', 'Cao su', 'Rubber', 1, '{"hs": ["40"], "ics": ["83.040", "83.060", "83.160"], "keywords": {"en": ["rubber", "natural rubber", "latex", "tyre", "tire", "pneumatic tyre", "inner tube", "rubber glove", "rubber hose", "conveyor belt", "elastomer"], "fr": ["caoutchouc", "pneumatique", "pneu", "chambre \u00e0 air", "latex naturel"], "es": ["caucho", "hule", "neum\u00e1tico", "neumatico", "llanta", "c\u00e1mara de aire"], "vi": ["cao su", "m\u1ee7 cao su", "cao su thi\u00ean nhi\u00ean", "l\u1ed1p xe", "s\u0103m l\u1ed1p", "l\u1ed1p \u00f4 t\u00f4", "g\u0103ng tay cao su", "l\u1ed1p", "l\u1ed1p h\u01a1i"]}, "exclude": {"en": ["rubber stamp", "foam rubber mattress"]}}');
INSERT INTO public.sector VALUES ('cassava', 'Sắn, tinh bột sắn', 'Cassava and cassava starch', 2, '{"hs": ["071410", "110814", "1903"], "keywords": {"en": ["cassava", "tapioca", "manioc", "cassava starch", "cassava flour", "cassava chip", "sago"], "fr": ["manioc", "tapioca", "f\u00e9cule de manioc", "farine de manioc"], "es": ["yuca", "mandioca", "almid\u00f3n de yuca", "harina de yuca", "almid\u00f3n de mandioca", "f\u00e9cula de mandioca"], "vi": ["s\u1eafn", "tinh b\u1ed9t s\u1eafn", "b\u1ed9t s\u1eafn", "s\u1eafn l\u00e1t", "khoai m\u00ec", "b\u1ed9t n\u0103ng"]}}');
INSERT INTO public.sector VALUES ('wood_furniture', 'Gỗ, sản phẩm gỗ, nội thất', 'Wood, wood products, furniture', 3, '{"hs": ["44", "9401", "9403"], "ics": ["79", "97.140"], "keywords": {"en": ["wood", "wooden", "timber", "lumber", "sawn wood", "sawnwood", "plywood", "veneer", "particleboard", "particle board", "fibreboard", "fiberboard", "MDF", "OSB", "oriented strand board", "wood panel", "wood-based panel", "wood product", "wood pellet", "charcoal", "firewood", "fuelwood", "hardwood", "softwood", "furniture", "furnishing", "coffee table", "kitchen cabinet", "wardrobe", "bamboo", "rattan", "wood packaging material"], "fr": ["bois", "bois d''oeuvre", "bois sci\u00e9", "bois rond", "contreplaqu\u00e9", "panneau de particules", "panneau de fibres", "placage", "granul\u00e9s de bois", "charbon de bois", "meuble", "mobilier", "ameublement", "bambou", "rotin"], "es": ["madera", "maderas", "madera aserrada", "madera en rollo", "tablero de madera", "tableros de part\u00edculas", "tableros de fibra", "contrachapado", "chapa de madera", "pellets de madera", "carb\u00f3n vegetal", "le\u00f1a", "mueble", "mobiliario", "bamb\u00fa", "rat\u00e1n"], "vi": ["g\u1ed7", "\u0111\u1ed3 g\u1ed7", "s\u1ea3n ph\u1ea9m g\u1ed7", "g\u1ed7 tr\u00f2n", "g\u1ed7 x\u1ebb", "g\u1ed7 d\u00e1n", "v\u00e1n \u00e9p", "v\u00e1n d\u0103m", "v\u00e1n s\u1ee3i", "vi\u00ean n\u00e9n g\u1ed7", "than c\u1ee7i", "n\u1ed9i th\u1ea5t", "\u0111\u1ed3 n\u1ed9i th\u1ea5t", "b\u00e0n gh\u1ebf", "tre n\u1ee9a", "m\u00e2y tre"]}, "exclude": {"en": ["wood pulp", "wood alcohol", "wood vinegar"]}}');
INSERT INTO public.sector VALUES ('fruit_vegetables', 'Rau quả', 'Fruit and vegetables', 4, '{"hs": ["07", "08", "20"], "hs_exclude": ["0801", "0802", "071410"], "ics": ["67.080"], "keywords": {"en": ["fruit", "vegetable", "fresh produce", "horticultural product", "citrus", "banana", "mango", "durian", "dragon fruit", "pitahaya", "longan", "lychee", "litchi", "rambutan", "mangosteen", "passion fruit", "avocado", "pineapple", "papaya", "jackfruit", "guava", "watermelon", "melon", "grape", "table grape", "apple", "pear", "orange", "mandarin", "tangerine", "lemon", "pomelo", "grapefruit", "strawberry", "blueberry", "cranberry", "raspberry", "berry", "cherry", "peach", "nectarine", "apricot", "plum", "kiwifruit", "kiwi", "tomato", "potato", "sweet potato", "onion", "garlic", "shallot", "cabbage", "lettuce", "spinach", "cucumber", "carrot", "eggplant", "aubergine", "okra", "asparagus", "broccoli", "cauliflower", "sweet pepper", "bell pepper", "mushroom", "legume", "pulse", "lentil", "chickpea", "pea", "green bean", "dried bean", "kidney bean", "mung bean", "soya bean sprout", "fruit juice", "vegetable juice", "dried fruit", "frozen fruit", "frozen vegetable", "canned fruit", "preserved fruit", "fruit puree", "fruit jam", "jam", "marmalade", "pickled vegetable", "fruit fly host", "coconut water"], "fr": ["fruit", "l\u00e9gume", "legume", "fruits et l\u00e9gumes", "fruits frais", "agrume", "mangue", "banane", "ananas", "papaye", "pomme", "poire", "raisin", "raisin de table", "orange", "citron", "fraise", "cerise", "p\u00eache et nectarine", "abricot", "prune", "tomate", "pomme de terre", "oignon", "carotte", "chou", "laitue", "concombre", "champignon", "l\u00e9gumineuse", "lentille", "pois chiche", "haricot", "jus de fruits", "fruits secs", "confiture", "fruit de la passion", "avocat fruit"], "es": ["fruta", "hortaliza", "verdura", "frutas y hortalizas", "frutas frescas", "c\u00edtrico", "citrico", "mango", "banano", "pl\u00e1tano", "platano", "aguacate", "palta", "pi\u00f1a", "papaya", "guayaba", "maracuy\u00e1", "maracuya", "pitahaya", "uva", "uva de mesa", "manzana", "pera", "naranja", "mandarina", "lim\u00f3n", "limon", "toronja", "fresa", "ar\u00e1ndano", "cereza", "durazno", "melocot\u00f3n", "ciruela", "tomate", "patata", "cebolla", "ajo", "zanahoria", "lechuga", "repollo", "pepino", "champi\u00f1\u00f3n", "hongo comestible", "legumbre", "lenteja", "garbanzo", "frijol", "jud\u00eda", "jugo de fruta", "zumo de fruta", "fruta deshidratada", "mermelada"], "vi": ["rau qu\u1ea3", "rau", "tr\u00e1i c\u00e2y", "hoa qu\u1ea3", "rau c\u1ee7", "rau c\u1ee7 qu\u1ea3", "qu\u1ea3 t\u01b0\u01a1i", "s\u1ea7u ri\u00eang", "thanh long", "chanh leo", "chanh d\u00e2y", "qu\u1ea3 b\u01a1", "xo\u00e0i", "qu\u1ea3 nh\u00e3n", "long nh\u00e3n", "v\u1ea3i thi\u1ec1u", "qu\u1ea3 v\u1ea3i", "ch\u00f4m ch\u00f4m", "m\u0103ng c\u1ee5t", "chu\u1ed1i", "d\u1ee9a", "m\u00edt", "\u1ed5i", "d\u01b0a h\u1ea5u", "d\u01b0a l\u01b0\u1edbi", "b\u01b0\u1edfi", "qu\u1ea3 cam", "cam s\u00e0nh", "qu\u1ea3 chanh", "nho", "t\u00e1o", "khoai t\u00e2y", "khoai lang", "c\u00e0 chua", "h\u00e0nh t\u00e2y", "t\u1ecfi", "b\u1eafp c\u1ea3i", "c\u00e0 r\u1ed1t", "d\u01b0a chu\u1ed9t", "n\u1ea5m \u0103n", "\u0111\u1eadu \u0111\u1ed7", "n\u01b0\u1edbc \u00e9p tr\u00e1i c\u00e2y", "n\u01b0\u1edbc qu\u1ea3", "qu\u1ea3 s\u1ea5y", "m\u1ee9t"]}, "exclude": {"en": ["grape wine", "orange colour", "orange color", "kiwi fruit fly", "coffee cherry", "coffee cherries", "apricot kernel", "apricot kernels"], "fr": ["cerises de caf\u00e9", "cerise de caf\u00e9", "amandes d''abricot"], "es": ["cereza de caf\u00e9", "cerezas de caf\u00e9", "almendra de albaricoque"]}}');
INSERT INTO public.sector VALUES ('nuts', 'Hạt điều, mắc ca', 'Cashew and macadamia nuts', 5, '{"hs": ["0801", "0802"], "keywords": {"en": ["cashew", "cashew nut", "cashew kernel", "macadamia", "tree nut", "nut", "almond", "walnut", "hazelnut", "pistachio", "pecan", "brazil nut", "pine nut", "chestnut", "coconut", "areca nut", "betel nut", "edible nut", "in-shell nut"], "fr": ["noix de cajou", "cajou", "macadamia", "noix", "amande", "noisette", "pistache", "noix de p\u00e9can", "ch\u00e2taigne", "noix de coco", "fruits \u00e0 coque"], "es": ["anacardo", "mara\u00f1\u00f3n", "nuez de la india", "macadamia", "nuez", "almendra", "avellana", "pistacho", "pacana", "casta\u00f1a", "coco", "frutos de c\u00e1scara"], "vi": ["h\u1ea1t \u0111i\u1ec1u", "\u0111i\u1ec1u nh\u00e2n", "m\u1eafc ca", "macca", "h\u1ea1t m\u1eafc ca", "h\u1ea1t d\u1ebb", "h\u1ea1nh nh\u00e2n", "\u00f3c ch\u00f3", "d\u1eeba", "qu\u1ea3 d\u1eeba", "h\u1ea1t d\u1eeba", "h\u1ea1t h\u1ed3 tr\u0103n"]}, "exclude": {"en": ["nuts and bolts", "bolts and nuts", "bolts nuts", "screws nuts", "nut and bolt", "lock nut", "wing nut", "hex nut", "wheel nut", "nutmeg"], "fr": ["\u00e9crous", "vis et \u00e9crous"], "es": ["tuercas"]}}');
INSERT INTO public.sector VALUES ('pepper_spices', 'Hồ tiêu, gia vị', 'Pepper and spices', 6, '{"hs": ["0904", "0905", "0906", "0907", "0908", "0909", "0910"], "ics": ["67.220.10"], "keywords": {"en": ["pepper", "black pepper", "white pepper", "peppercorn", "spice", "cinnamon", "cassia", "star anise", "anise", "clove", "nutmeg", "cardamom", "ginger", "turmeric", "saffron", "vanilla", "chilli", "chili", "chile pepper", "dried chilli", "paprika", "cumin", "coriander seed", "fennel seed", "curry powder", "spice mix", "seasoning", "lemongrass", "lemon grass", "thyme", "oregano", "bay leaf", "rosemary", "mustard seed", "fenugreek", "caraway", "allspice", "culinary herb"], "fr": ["poivre", "poivre noir", "\u00e9pice", "epice", "cannelle", "anis \u00e9toil\u00e9", "badiane", "girofle", "clou de girofle", "muscade", "noix de muscade", "cardamome", "gingembre", "curcuma", "safran", "vanille", "piment", "paprika", "cumin", "citronnelle", "thym", "origan", "feuille de laurier", "romarin", "fenugrec", "carvi", "macis"], "es": ["pimienta", "pimienta negra", "especia", "especias", "canela", "an\u00eds estrellado", "clavo de olor", "nuez moscada", "cardamomo", "jengibre", "c\u00farcuma", "curcuma", "azafr\u00e1n", "azafran", "vainilla", "aj\u00ed", "chile seco", "piment\u00f3n", "comino", "condimento", "hierba de lim\u00f3n", "limoncillo", "tomillo", "or\u00e9gano", "hoja de laurel", "fenogreco", "alcaravea"], "vi": ["h\u1ed3 ti\u00eau", "h\u1ea1t ti\u00eau", "ti\u00eau \u0111en", "ti\u00eau tr\u1eafng", "ti\u00eau xanh", "gia v\u1ecb", "qu\u1ebf", "v\u1ecf qu\u1ebf", "hoa h\u1ed3i", "\u0111\u1ea1i h\u1ed3i", "g\u1eebng", "c\u1ee7 ngh\u1ec7", "b\u1ed9t ngh\u1ec7", "\u1edbt", "\u1edbt kh\u00f4", "th\u1ea3o qu\u1ea3", "\u0111inh h\u01b0\u01a1ng", "nh\u1ee5c \u0111\u1eadu kh\u1ea5u", "s\u1ea3", "h\u1ea1t m\u00f9i", "th\u00ec l\u00e0", "l\u00e1 nguy\u1ec7t qu\u1ebf"]}, "exclude": {"en": ["pepper spray", "bell pepper", "sweet pepper"]}}');
INSERT INTO public.sector VALUES ('medicinal_herbs', 'Dược liệu, sâm, thực phẩm bảo vệ sức khỏe', 'Medicinal herbs, ginseng, health supplements', 7, '{"hs": ["1211", "1302", "2106"], "keywords": {"en": ["medicinal plant", "medicinal herb", "herbal", "herbal medicine", "herbal product", "herbal extract", "plant extract", "botanical", "ginseng", "traditional medicine", "dietary supplement", "food supplement", "health supplement", "nutritional supplement", "health food", "functional food", "vegetable sap", "pectin", "ginkgo", "liquorice", "licorice", "kratom", "hemp", "cannabis", "natural health product", "herbal medicinal product", "phytomedicine", "phytotherapeutic product"], "fr": ["plante m\u00e9dicinale", "plantes m\u00e9dicinales", "plante aromatique", "extrait de plante", "ginseng", "m\u00e9decine traditionnelle", "compl\u00e9ment alimentaire", "compl\u00e9ments alimentaires", "tisane", "m\u00e9dicament \u00e0 base de plantes", "phytoth\u00e9rapie", "produit de sant\u00e9 naturel"], "es": ["planta medicinal", "plantas medicinales", "hierba medicinal", "extracto vegetal", "ginseng", "medicina tradicional", "suplemento alimenticio", "suplemento diet\u00e9tico", "complemento alimenticio", "complementos alimenticios", "suplemento dietario", "producto natural medicinal", "medicamento herbario", "fitoter\u00e1pico", "fitomedicamento", "planta arom\u00e1tica"], "vi": ["d\u01b0\u1ee3c li\u1ec7u", "s\u00e2m", "s\u00e2m ng\u1ecdc linh", "nh\u00e2n s\u00e2m", "th\u1ea3o d\u01b0\u1ee3c", "c\u00e2y thu\u1ed1c", "thu\u1ed1c \u0111\u00f4ng y", "thu\u1ed1c c\u1ed5 truy\u1ec1n", "thu\u1ed1c nam", "cao d\u01b0\u1ee3c li\u1ec7u", "th\u1ef1c ph\u1ea9m b\u1ea3o v\u1ec7 s\u1ee9c kh\u1ecfe", "th\u1ef1c ph\u1ea9m ch\u1ee9c n\u0103ng", "th\u1ef1c ph\u1ea9m b\u1ed5 sung", "thu\u1ed1c d\u01b0\u1ee3c li\u1ec7u"]}}');
INSERT INTO public.sector VALUES ('sugar', 'Đường, bánh kẹo', 'Sugar and confectionery', 8, '{"hs": ["1701", "1702", "1703", "1704"], "ics": ["67.180"], "keywords": {"en": ["sugar", "cane sugar", "raw sugar", "refined sugar", "white sugar", "beet sugar", "sugarcane", "sugar cane", "sugar beet", "molasses", "confectionery", "sugar confectionery", "candy", "sweets", "toffee", "lollipop", "chewing gum", "marshmallow", "glucose syrup", "fructose syrup", "corn syrup", "isoglucose", "maple syrup", "invert sugar", "white chocolate", "agave syrup", "sugar syrup", "golden syrup", "treacle", "jaggery", "brown sugar", "icing sugar", "palm sugar", "rock sugar"], "fr": ["sucre", "sucre de canne", "sucre brut", "sucre blanc", "canne \u00e0 sucre", "betterave sucri\u00e8re", "m\u00e9lasse", "confiserie", "bonbon", "sirop de glucose", "chewing-gum", "sirop d''agave", "sirop d''\u00e9rable", "sirop de sucre", "cassonade", "sucre roux", "sucre glace", "vergeoise"], "es": ["az\u00facar", "azucar", "az\u00facar de ca\u00f1a", "az\u00facar crudo", "ca\u00f1a de az\u00facar", "remolacha azucarera", "melaza", "confiter\u00eda", "confiteria", "golosina", "caramelo", "chicle", "jarabe de glucosa", "jarabe de agave", "jarabe de ca\u00f1a", "jarabe de ma\u00edz", "piloncillo", "panela", "az\u00facar mascabado", "az\u00facar moreno", "az\u00facar glas", "az\u00facar refinado", "az\u00facar blanco"], "vi": ["\u0111\u01b0\u1eddng m\u00eda", "\u0111\u01b0\u1eddng tinh luy\u1ec7n", "\u0111\u01b0\u1eddng th\u00f4", "\u0111\u01b0\u1eddng tr\u1eafng", "\u0111\u01b0\u1eddng k\u00ednh tr\u1eafng", "\u0111\u01b0\u1eddng \u0103n", "m\u00eda \u0111\u01b0\u1eddng", "c\u00e2y m\u00eda", "m\u1eadt r\u1ec9", "r\u1ec9 \u0111\u01b0\u1eddng", "b\u00e1nh k\u1eb9o", "k\u1eb9o", "k\u1eb9o cao su", "siro glucose", "\u0111\u01b0\u1eddng ph\u00e8n", "\u0111\u01b0\u1eddng n\u00e2u", "\u0111\u01b0\u1eddng th\u1ed1t n\u1ed1t", "m\u1eadt m\u00eda"]}, "exclude": {"en": ["added sugar", "free sugar", "total sugar", "sugar content", "sugar-sweetened", "sugar sweetened", "high in sugar", "low sugar", "sugar free", "sugar-free", "no added sugar", "reduced sugar", "sugar tax", "sugars and sweeteners", "blood sugar"], "fr": ["sucres ajout\u00e9s", "teneur en sucre", "sans sucre", "boissons sucr\u00e9es", "sucres totaux"], "es": ["az\u00facares a\u00f1adidos", "az\u00facares libres", "contenido de az\u00facar", "sin az\u00facar", "exceso de az\u00facares", "alto en az\u00facares", "bebidas azucaradas"], "vi": ["h\u00e0m l\u01b0\u1ee3ng \u0111\u01b0\u1eddng", "kh\u00f4ng \u0111\u01b0\u1eddng", "\u0111\u01b0\u1eddng huy\u1ebft"]}}');
INSERT INTO public.sector VALUES ('seafood', 'Thủy sản', 'Fish and seafood', 9, '{"hs": ["03", "1604", "1605"], "ics": ["67.120.30"], "keywords": {"en": ["fish", "seafood", "sea food", "fishery product", "fish product", "aquatic product", "aquatic animal", "aquaculture", "shellfish", "shrimp", "prawn", "crustacean", "mollusc", "mollusk", "bivalve", "oyster", "mussel", "clam", "scallop", "abalone", "squid", "octopus", "cuttlefish", "cephalopod", "crab", "lobster", "tuna", "salmon", "trout", "pangasius", "tilapia", "catfish", "sardine", "mackerel", "anchovy", "eel", "surimi", "caviar", "sea cucumber", "fish fillet", "frozen fish", "canned fish", "fish meat", "prawn meat", "shrimp meat", "crab meat", "lobster meat", "clam meat", "finfish", "fin fish", "whitefish", "groundfish", "fish roe"], "fr": ["poisson", "produits de la p\u00eache", "produit de la p\u00eache", "produits aquatiques", "produits de la mer", "aquaculture", "crevette", "crustac\u00e9", "mollusque", "bivalve", "hu\u00eetre", "coquillage", "coquille saint-jacques", "calmar", "poulpe", "seiche", "crabe", "homard", "thon", "saumon", "sardine", "maquereau", "anchois", "cabillaud", "pangasius", "tilapia", "filet de poisson", "chair de crabe", "chair de poisson", "poisson blanc"], "es": ["pescado", "pez", "productos pesqueros", "producto pesquero", "productos de la pesca", "productos hidrobiol\u00f3gicos", "productos acu\u00edcolas", "acuicultura", "marisco", "camar\u00f3n", "camaron", "langostino", "gamba", "crust\u00e1ceo", "molusco", "bivalvo", "ostra", "mejill\u00f3n", "almeja", "vieira", "calamar", "pulpo", "cangrejo", "langosta", "at\u00fan", "atun", "salm\u00f3n", "sardina", "caballa", "anchoa", "merluza", "tilapia", "filete de pescado", "carne de cangrejo", "carne de pescado", "pescado blanco"], "vi": ["th\u1ee7y s\u1ea3n", "thu\u1ef7 s\u1ea3n", "h\u1ea3i s\u1ea3n", "nu\u00f4i tr\u1ed3ng th\u1ee7y s\u1ea3n", "c\u00e1 tra", "c\u00e1 basa", "c\u00e1 ng\u1eeb", "c\u00e1 h\u1ed3i", "c\u00e1 r\u00f4 phi", "c\u00e1 bi\u1ec3n", "c\u00e1 n\u01b0\u1edbc ng\u1ecdt", "c\u00e1 \u0111\u00f4ng l\u1ea1nh", "t\u00f4m", "t\u00f4m h\u00f9m", "t\u00f4m s\u00fa", "t\u00f4m th\u1ebb", "m\u1ef1c", "b\u1ea1ch tu\u1ed9c", "nhuy\u1ec5n th\u1ec3", "nhuy\u1ec5n th\u1ec3 hai m\u1ea3nh v\u1ecf", "gi\u00e1p x\u00e1c", "cua bi\u1ec3n", "gh\u1eb9", "ngh\u00eau", "ngao", "s\u00f2", "h\u00e0u", "c\u00e1 kh\u00f4", "ch\u1ea3 c\u00e1"]}, "exclude": {"en": ["fish meal", "fishmeal", "fish feed", "fishing rod", "fishing gear", "fishing vessel", "fishing tackle", "fish oil capsule"], "fr": ["farine de poisson"], "es": ["harina de pescado"], "vi": ["b\u1ed9t c\u00e1", "m\u1ef1c n\u01b0\u1edbc"]}}');
INSERT INTO public.sector VALUES ('animal_products', 'Thịt, sữa, trứng, mật ong', 'Meat, dairy, eggs, honey', 10, '{"hs": ["01", "02", "04", "05"], "ics": ["67.100", "67.120.10", "67.120.20", "65.020.30"], "keywords": {"en": ["meat", "beef", "bovine meat", "pork", "pigmeat", "poultry", "poultry meat", "chicken", "duck meat", "lamb", "mutton", "goat meat", "veal", "offal", "edible offal", "meat product", "fresh meat", "frozen meat", "dairy", "dairy product", "milk", "milk product", "milk powder", "skimmed milk", "cheese", "butter", "yoghurt", "yogurt", "whey", "cream cheese", "egg", "egg product", "honey", "bee product", "royal jelly", "propolis", "live animal", "livestock", "cattle", "bovine", "swine", "pig", "sheep", "goat", "horse", "live bird", "animal product", "product of animal origin", "products of animal origin", "animal by-product", "animal origin", "bird nest", "bird''s nest", "edible bird''s nest", "avian influenza", "african swine fever", "foot and mouth disease", "bovine spongiform encephalopathy"], "fr": ["viande", "boeuf", "b\u0153uf", "viande bovine", "porc", "viande porcine", "volaille", "viande de volaille", "poulet", "agneau", "abats", "lait", "produits laitiers", "produit laitier", "lait en poudre", "fromage", "beurre", "yaourt", "lactos\u00e9rum", "oeuf", "\u0153uf", "ovoproduit", "miel", "animaux vivants", "animal vivant", "bovin", "porcin", "ovin", "caprin", "produits d''origine animale", "sous-produits animaux", "influenza aviaire", "peste porcine africaine", "fi\u00e8vre aphteuse"], "es": ["carne", "carne de bovino", "carne bovina", "carne de cerdo", "carne de porcino", "carne de aves", "aves de corral", "pollo", "cordero", "despojos", "l\u00e1cteo", "productos l\u00e1cteos", "producto l\u00e1cteo", "leche", "leche en polvo", "queso", "mantequilla", "yogur", "lactosuero", "huevo", "ovoproducto", "miel", "animales vivos", "animal vivo", "bovino", "porcino", "ovino", "caprino", "ganado", "productos de origen animal", "subproductos animales", "influenza aviar", "peste porcina africana", "fiebre aftosa"], "vi": ["th\u1ecbt", "th\u1ecbt l\u1ee3n", "th\u1ecbt heo", "th\u1ecbt b\u00f2", "th\u1ecbt g\u00e0", "th\u1ecbt gia c\u1ea7m", "gia c\u1ea7m", "s\u1ea3n ph\u1ea9m th\u1ecbt", "s\u1eefa", "s\u1eefa t\u01b0\u01a1i", "s\u1eefa b\u1ed9t", "s\u1ea3n ph\u1ea9m s\u1eefa", "ph\u00f4 mai", "b\u01a1 s\u1eefa", "s\u1eefa chua", "tr\u1ee9ng", "tr\u1ee9ng gia c\u1ea7m", "m\u1eadt ong", "s\u1ea3n ph\u1ea9m ong", "\u0111\u1ed9ng v\u1eadt s\u1ed1ng", "gia s\u00fac", "l\u1ee3n", "b\u00f2", "t\u1ed5 y\u1ebfn", "y\u1ebfn s\u00e0o", "s\u1ea3n ph\u1ea9m \u0111\u1ed9ng v\u1eadt", "s\u1ea3n ph\u1ea9m c\u00f3 ngu\u1ed3n g\u1ed1c \u0111\u1ed9ng v\u1eadt", "c\u00fam gia c\u1ea7m", "d\u1ecbch t\u1ea3 l\u1ee3n ch\u00e2u Phi", "l\u1edf m\u1ed3m long m\u00f3ng"]}, "exclude": {"en": ["coconut milk", "soy milk", "soya milk", "almond milk", "rice milk", "oat milk", "plant-based milk", "cocoa butter", "peanut butter", "shea butter", "milk chocolate", "eggplant", "milk thistle", "cattle feed"], "vi": ["s\u1eefa r\u1eeda m\u1eb7t", "s\u1eefa t\u1eafm", "s\u1eefa d\u01b0\u1ee1ng th\u1ec3", "s\u1eefa \u0111\u1eadu n\u00e0nh", "b\u01a1 th\u1ef1c v\u1eadt"]}}');
INSERT INTO public.sector VALUES ('cereals_rice', 'Gạo, ngũ cốc', 'Rice and cereals', 11, '{"hs": ["10", "1101", "1102", "1103", "1104"], "ics": ["67.060"], "keywords": {"en": ["rice", "paddy", "paddy rice", "husked rice", "milled rice", "broken rice", "cereal", "cereal grain", "grain", "wheat", "durum wheat", "maize", "corn", "barley", "oat", "rye", "sorghum", "millet", "buckwheat", "quinoa", "flour", "wheat flour", "rice flour", "maize flour", "groats", "semolina"], "fr": ["riz", "riz paddy", "c\u00e9r\u00e9ale", "cereale", "bl\u00e9", "ma\u00efs", "orge", "avoine", "seigle", "sorgho", "millet", "sarrasin", "farine", "farine de bl\u00e9", "semoule", "grains de c\u00e9r\u00e9ales"], "es": ["arroz", "arroz paddy", "cereal", "cereales", "trigo", "ma\u00edz", "maiz", "cebada", "avena", "centeno", "sorgo", "mijo", "alforf\u00f3n", "harina", "harina de trigo", "s\u00e9mola", "granos"], "vi": ["g\u1ea1o", "l\u00faa", "l\u00faa g\u1ea1o", "th\u00f3c", "g\u1ea1o tr\u1eafng", "g\u1ea1o th\u01a1m", "ng\u0169 c\u1ed1c", "l\u00faa m\u00ec", "l\u00faa m\u1ea1ch", "ng\u00f4", "b\u1eafp", "y\u1ebfn m\u1ea1ch", "b\u1ed9t m\u00ec", "b\u1ed9t g\u1ea1o"]}, "exclude": {"en": ["grain-oriented", "grain oriented", "grain size", "rice paper", "rice cooker", "rice wine", "rice noodle", "rice bran oil", "corn syrup", "corn oil", "corn starch", "cornstarch", "oatmeal soap", "wholemeal bread", "grains of paradise", "popcorn maker", "soybean meal"], "fr": ["en grains"], "vi": ["b\u1ed9t n\u0103ng", "d\u1ea7u c\u00e1m g\u1ea1o", "b\u00e1nh tr\u00e1ng"]}}');
INSERT INTO public.sector VALUES ('processed_food', 'Thực phẩm chế biến, ghi nhãn, phụ gia', 'Processed food, labelling, additives', 12, '{"hs": ["15", "16", "18", "19", "21"], "hs_exclude": ["1604", "1605", "1903", "210111", "210112", "2106"], "ics": ["67.040", "67.050", "67.190", "67.200", "67.220.20", "67.230", "67.140.30"], "keywords": {"en": ["processed food", "prepackaged food", "pre-packaged food", "packaged food", "food additive", "food labelling", "food labeling", "nutrition labelling", "nutrition labeling", "nutrition information", "food allergen", "food flavouring", "food flavoring", "flavouring", "flavoring", "food colour", "food colouring", "sweetener", "preservative", "emulsifier", "food enzyme", "processing aid", "novel food", "genetically modified food", "infant formula", "follow-up formula", "baby food", "food for infants", "cereal-based food", "complementary food", "foods for special medical purposes", "gluten-free", "vegetable oil", "edible oil", "edible fat", "palm oil", "olive oil", "soybean oil", "sunflower oil", "rapeseed oil", "margarine", "chocolate", "cocoa", "cocoa butter", "cocoa product", "noodle", "instant noodle", "rice noodle", "pasta", "bread", "biscuit", "bakery product", "pastry", "cake", "snack food", "breakfast cereal", "sauce", "fish sauce", "soy sauce", "condiment", "ketchup", "mayonnaise", "vinegar", "soup", "yeast", "ice cream", "canned food", "sausage", "ham", "meat preparation", "prepared meal", "ready meal", "coconut milk", "soy milk", "soya milk", "plant-based milk", "peanut butter", "tofu", "kimchi", "salt iodization", "iodized salt", "dietary fibre", "dietary fiber", "food irradiation", "irradiated food", "food and beverage", "foods and beverages", "food and drink"], "fr": ["denr\u00e9es alimentaires pr\u00e9emball\u00e9es", "denr\u00e9e alimentaire pr\u00e9emball\u00e9e", "additif alimentaire", "additifs alimentaires", "\u00e9tiquetage des denr\u00e9es alimentaires", "\u00e9tiquetage nutritionnel", "ar\u00f4me alimentaire", "ar\u00f4mes", "\u00e9dulcorant", "conservateur alimentaire", "\u00e9mulsifiant", "enzyme alimentaire", "nouvel aliment", "nouveaux aliments", "pr\u00e9paration pour nourrissons", "pr\u00e9parations pour nourrissons", "aliments pour nourrissons", "huile v\u00e9g\u00e9tale", "huile de palme", "huile d''olive", "mati\u00e8res grasses", "margarine", "chocolat", "cacao", "p\u00e2tes alimentaires", "nouilles", "biscuit", "boulangerie", "p\u00e2tisserie", "sauce", "vinaigre", "conserve", "saucisse", "jambon", "sel iod\u00e9", "aliments et boissons", "denr\u00e9es alimentaires et boissons"], "es": ["alimentos procesados", "alimentos preenvasados", "alimento preenvasado", "alimentos envasados", "aditivo alimentario", "aditivos alimentarios", "etiquetado de alimentos", "etiquetado nutricional", "etiquetado frontal", "saborizante", "aromatizante", "edulcorante", "conservante", "emulsionante", "enzima alimentaria", "nuevo alimento", "f\u00f3rmula infantil", "formula infantil", "f\u00f3rmulas para lactantes", "alimentos para lactantes", "aceite vegetal", "aceite de palma", "aceite de oliva", "aceite comestible", "grasas y aceites", "margarina", "chocolate", "cacao", "pastas alimenticias", "fideos", "galleta", "panader\u00eda", "producto de panader\u00eda", "pasteler\u00eda", "salsa", "vinagre", "conservas", "embutido", "jam\u00f3n", "sal yodada", "productos de confiter\u00eda y chocolate", "alimentos y bebidas", "alimentos y bebidas no alcoh\u00f3licas"], "vi": ["th\u1ef1c ph\u1ea9m ch\u1ebf bi\u1ebfn", "th\u1ef1c ph\u1ea9m bao g\u00f3i s\u1eb5n", "th\u1ef1c ph\u1ea9m \u0111\u00f3ng g\u00f3i s\u1eb5n", "ph\u1ee5 gia th\u1ef1c ph\u1ea9m", "ch\u1ea5t ph\u1ee5 gia", "ghi nh\u00e3n th\u1ef1c ph\u1ea9m", "nh\u00e3n th\u1ef1c ph\u1ea9m", "ghi nh\u00e3n dinh d\u01b0\u1ee1ng", "h\u01b0\u01a1ng li\u1ec7u th\u1ef1c ph\u1ea9m", "ch\u1ea5t t\u1ea1o ng\u1ecdt", "ch\u1ea5t b\u1ea3o qu\u1ea3n", "ch\u1ea5t nh\u0169 h\u00f3a", "enzyme th\u1ef1c ph\u1ea9m", "th\u1ef1c ph\u1ea9m bi\u1ebfn \u0111\u1ed5i gen", "s\u1ea3n ph\u1ea9m dinh d\u01b0\u1ee1ng c\u00f4ng th\u1ee9c", "th\u1ef1c ph\u1ea9m cho tr\u1ebb s\u01a1 sinh", "s\u1eefa c\u00f4ng th\u1ee9c", "d\u1ea7u th\u1ef1c v\u1eadt", "d\u1ea7u \u0103n", "d\u1ea7u c\u1ecd", "s\u00f4 c\u00f4 la", "socola", "ca cao", "m\u00ec \u0103n li\u1ec1n", "b\u00fan", "ph\u1edf", "mi\u1ebfn", "b\u00e1nh m\u00ec", "b\u00e1nh quy", "b\u00e1nh ng\u1ecdt", "n\u01b0\u1edbc m\u1eafm", "n\u01b0\u1edbc t\u01b0\u01a1ng", "x\u00ec d\u1ea7u", "t\u01b0\u01a1ng \u1edbt", "gi\u1ea5m", "\u0111\u1ed3 h\u1ed9p", "x\u00fac x\u00edch", "gi\u00f2 ch\u1ea3", "mu\u1ed1i i-\u1ed1t", "th\u1ef1c ph\u1ea9m chi\u1ebfu x\u1ea1"]}, "broad": {"en": ["food", "foodstuff", "food product", "foodstuffs", "edible", "imported food"], "fr": ["aliment", "aliments", "denr\u00e9e alimentaire", "denr\u00e9es alimentaires", "produits alimentaires", "produit alimentaire"], "es": ["alimento", "alimentos", "productos alimenticios", "producto alimenticio", "productos alimentarios"], "vi": ["th\u1ef1c ph\u1ea9m", "l\u01b0\u01a1ng th\u1ef1c th\u1ef1c ph\u1ea9m", "h\u00e0ng th\u1ef1c ph\u1ea9m"]}, "exclude": {"en": ["food contact", "pet food", "animal food", "food supplement", "dietary supplement", "food grade", "food processing machinery", "food packaging", "fish food", "food waste", "food service equipment", "feedingstuff", "feedingstuffs", "animal feed"], "fr": ["contact avec les denr\u00e9es alimentaires", "contact alimentaire", "aliments pour animaux", "compl\u00e9ments alimentaires"], "es": ["contacto con alimentos", "alimentos para animales", "complementos alimenticios"], "vi": ["th\u1ee9c \u0103n ch\u0103n nu\u00f4i", "th\u1ee9c \u0103n th\u1ee7y s\u1ea3n", "bao b\u00ec th\u1ef1c ph\u1ea9m", "d\u1ee5ng c\u1ee5 ch\u1ee9a \u0111\u1ef1ng th\u1ef1c ph\u1ea9m", "ti\u1ebfp x\u00fac v\u1edbi th\u1ef1c ph\u1ea9m"]}, "general_chapters": "01-24"}');
INSERT INTO public.sector VALUES ('beverages', 'Đồ uống', 'Beverages', 13, '{"hs": ["22"], "ics": ["67.160"], "keywords": {"en": ["beverage", "drink", "soft drink", "energy drink", "alcoholic beverage", "alcoholic drink", "non-alcoholic beverage", "wine", "sparkling wine", "beer", "spirit drink", "spirits", "liquor", "liqueur", "whisky", "whiskey", "vodka", "brandy", "cider", "mineral water", "bottled water", "drinking water", "packaged water", "natural mineral water", "fruit juice", "vegetable juice", "juice", "nectar", "kombucha", "tea beverage", "ready-to-drink", "sugar-sweetened beverage", "food and beverage", "foods and beverages", "food and drink", "alcohol product", "alcoholic product"], "fr": ["boisson", "boissons", "boissons alcoolis\u00e9es", "boisson alcoolis\u00e9e", "boissons spiritueuses", "spiritueux", "vins", "produits vitivinicoles", "vin mousseux", "bi\u00e8re", "cidre", "eau min\u00e9rale", "eaux min\u00e9rales naturelles", "eau en bouteille", "jus de fruits", "nectar", "boissons sucr\u00e9es", "aliments et boissons", "denr\u00e9es alimentaires et boissons", "boisson alcoolique"], "es": ["bebida", "bebidas", "bebidas alcoh\u00f3licas", "bebida alcoh\u00f3lica", "bebidas espirituosas", "vino", "vinos", "cerveza", "sidra", "licor", "aguardiente", "tequila", "mezcal", "pisco", "agua mineral", "agua envasada", "agua embotellada", "jugo", "zumo", "n\u00e9ctar", "refresco", "bebidas azucaradas", "bebidas energizantes", "alimentos y bebidas", "alimentos y bebidas no alcoh\u00f3licas", "producto alcoh\u00f3lico"], "vi": ["\u0111\u1ed3 u\u1ed1ng", "th\u1ee9c u\u1ed1ng", "n\u01b0\u1edbc gi\u1ea3i kh\u00e1t", "n\u01b0\u1edbc u\u1ed1ng", "n\u01b0\u1edbc u\u1ed1ng \u0111\u00f3ng chai", "n\u01b0\u1edbc kho\u00e1ng", "n\u01b0\u1edbc kho\u00e1ng thi\u00ean nhi\u00ean", "n\u01b0\u1edbc tinh khi\u1ebft", "r\u01b0\u1ee3u", "r\u01b0\u1ee3u vang", "bia", "\u0111\u1ed3 u\u1ed1ng c\u00f3 c\u1ed3n", "n\u01b0\u1edbc \u00e9p", "n\u01b0\u1edbc t\u0103ng l\u1ef1c", "n\u01b0\u1edbc ng\u1ecdt"]}, "exclude": {"en": ["drinking water supply", "drinking water pipe", "drinking straw", "drink driving", "drinking vessel", "spirit level", "white spirit", "juice extractor", "juicer"], "vi": ["n\u01b0\u1edbc u\u1ed1ng tr\u1ef1c ti\u1ebfp t\u1eeb v\u00f2i"]}}');
INSERT INTO public.sector VALUES ('chemicals_fertilizers', 'Hóa chất, nhiên liệu, phân bón, thuốc BVTV', 'Chemicals, fuels, fertilizers, pesticides', 14, '{"hs": ["27", "28", "29", "31", "32", "33", "34", "35", "36", "37", "38"], "hs_exclude": ["3303", "3304", "3305", "3306", "3307", "3401"], "ics": ["71", "65.080", "65.100", "75", "87", "83.180"], "keywords": {"en": ["fertilizer", "fertiliser", "chemical fertilizer", "organic fertilizer", "soil conditioner", "pesticide", "plant protection product", "insecticide", "herbicide", "fungicide", "rodenticide", "biocide", "biocidal product", "agrochemical", "active substance", "fuel", "motor fuel", "gasoline", "petrol", "diesel fuel", "diesel", "biodiesel", "bioethanol", "ethanol fuel", "biofuel", "kerosene", "jet fuel", "fuel oil", "marine fuel", "lubricant", "lubricating oil", "engine oil", "petroleum", "petroleum product", "crude oil", "liquefied petroleum gas", "LPG", "natural gas", "liquefied natural gas", "coal", "bitumen", "paint", "varnish", "printing ink", "adhesive", "glue", "detergent", "cleaning product", "washing powder", "solvent", "explosive", "firework", "pyrotechnic", "industrial chemical", "hazardous chemical", "dangerous chemical", "hazardous substance", "dangerous substance", "persistent organic pollutant", "refrigerant", "hydrofluorocarbon", "HFC", "fluorinated gas", "ozone-depleting substance", "PFAS", "per- and polyfluoroalkyl substances", "mercury", "plastic resin", "masterbatch", "chemical classification", "globally harmonized system", "GHS", "safety data sheet", "carbon dioxide", "industrial gas", "compressed gas", "ammonia", "sulphuric acid", "sulfuric acid", "caustic soda", "sodium hydroxide", "chlorine"], "fr": ["engrais", "fertilisant", "pesticide", "produits phytopharmaceutiques", "produit phytopharmaceutique", "produits phytosanitaires", "produit phytosanitaire", "insecticide", "herbicide", "fongicide", "biocide", "produits biocides", "substance active", "carburant", "carburants", "gazole", "essence sans plomb", "biocarburant", "k\u00e9ros\u00e8ne", "fioul", "lubrifiant", "huile moteur", "p\u00e9trole", "produits p\u00e9troliers", "gaz de p\u00e9trole liqu\u00e9fi\u00e9", "gaz naturel", "charbon", "bitume", "peinture", "vernis", "encre", "adh\u00e9sif", "colle", "d\u00e9tergent", "detergent", "solvant", "explosif", "artifice", "substances dangereuses", "dioxyde de carbone", "gaz industriel", "gaz comprim\u00e9", "ammoniac", "acide sulfurique", "soude caustique"], "es": ["fertilizante", "fertilizantes", "abono", "plaguicida", "pesticida", "productos fitosanitarios", "producto fitosanitario", "insecticida", "herbicida", "fungicida", "biocida", "sustancia activa", "ingrediente activo", "combustible", "combustibles", "gasolina", "gas\u00f3leo", "di\u00e9sel", "diesel", "biodi\u00e9sel", "biocombustible", "queroseno", "lubricante", "aceite lubricante", "petr\u00f3leo", "petroleo", "productos petrol\u00edferos", "gas licuado de petr\u00f3leo", "gas natural", "carb\u00f3n", "asfalto", "pintura", "barniz", "tinta", "adhesivo", "pegamento", "detergente", "solvente", "disolvente", "explosivo", "pirotecnia", "sustancias peligrosas", "di\u00f3xido de carbono", "gas industrial", "gas comprimido", "amon\u00edaco", "\u00e1cido sulf\u00farico", "soda c\u00e1ustica"], "vi": ["ph\u00e2n b\u00f3n", "ph\u00e2n b\u00f3n h\u1eefu c\u01a1", "ph\u00e2n b\u00f3n v\u00f4 c\u01a1", "thu\u1ed1c b\u1ea3o v\u1ec7 th\u1ef1c v\u1eadt", "thu\u1ed1c bvtv", "thu\u1ed1c tr\u1eeb s\u00e2u", "thu\u1ed1c di\u1ec7t c\u1ecf", "thu\u1ed1c tr\u1eeb b\u1ec7nh", "ho\u1ea1t ch\u1ea5t", "ch\u1ebf ph\u1ea9m di\u1ec7t c\u00f4n tr\u00f9ng", "nhi\u00ean li\u1ec7u", "x\u0103ng", "x\u0103ng d\u1ea7u", "x\u0103ng sinh h\u1ecdc", "d\u1ea7u diesel", "d\u1ea7u \u0111i\u00eazen", "nhi\u00ean li\u1ec7u sinh h\u1ecdc", "d\u1ea7u h\u1ecfa", "nhi\u00ean li\u1ec7u ph\u1ea3n l\u1ef1c", "d\u1ea7u nh\u1eddn", "d\u1ea7u b\u00f4i tr\u01a1n", "d\u1ea7u m\u1ecf", "kh\u00ed d\u1ea7u m\u1ecf h\u00f3a l\u1ecfng", "kh\u00ed thi\u00ean nhi\u00ean", "than \u0111\u00e1", "nh\u1ef1a \u0111\u01b0\u1eddng", "s\u01a1n ph\u1ee7", "s\u01a1n t\u01b0\u1eddng", "s\u01a1n v\u00e0 vecni", "m\u1ef1c in", "keo d\u00e1n", "ch\u1ea5t t\u1ea9y r\u1eeda", "b\u1ed9t gi\u1eb7t", "dung m\u00f4i", "v\u1eadt li\u1ec7u n\u1ed5", "ph\u00e1o hoa", "ch\u1ea5t nguy h\u1ea1i", "m\u00f4i ch\u1ea5t l\u1ea1nh", "kh\u00ed cacbonic", "kh\u00ed c\u00f4ng nghi\u1ec7p", "axit sunfuric"]}, "broad": {"en": ["chemical", "chemicals", "chemical product", "chemical substance"], "fr": ["produits chimiques", "substances chimiques"], "es": ["productos qu\u00edmicos", "sustancias qu\u00edmicas"], "vi": ["h\u00f3a ch\u1ea5t", "ho\u00e1 ch\u1ea5t"]}, "exclude": {"en": ["pesticide residue", "pesticide residues", "residues of pesticides", "residue of pesticides", "maximum residue limit", "maximum residue level", "maximum residue limits", "maximum residue levels", "MRL", "MRLs", "pesticide tolerance", "pesticide tolerances", "tolerance for residues", "tolerances for residues", "residue tolerance", "fuel consumption", "fuel economy", "fuel efficiency", "fuel tank", "fuel system", "fuel cell", "fuel gauge", "diesel engine", "diesel vehicle", "petrol engine", "coal tar dye", "lead paint", "paint on toys", "coating of toys", "restriction of hazardous substances", "hazardous substances in electrical", "carbon dioxide emission", "carbon dioxide emissions"], "fr": ["r\u00e9sidus de pesticides", "limites maximales de r\u00e9sidus", "teneurs maximales en r\u00e9sidus", "LMR", "consommation de carburant", "r\u00e9servoir de carburant", "\u00e9missions de dioxyde de carbone"], "es": ["residuos de plaguicidas", "l\u00edmites m\u00e1ximos de residuos", "l\u00edmite m\u00e1ximo de residuos", "LMR", "consumo de combustible", "tanque de combustible", "emisiones de di\u00f3xido de carbono"], "vi": ["d\u01b0 l\u01b0\u1ee3ng thu\u1ed1c b\u1ea3o v\u1ec7 th\u1ef1c v\u1eadt", "gi\u1edbi h\u1ea1n t\u1ed1i \u0111a d\u01b0 l\u01b0\u1ee3ng", "m\u1ee9c d\u01b0 l\u01b0\u1ee3ng t\u1ed1i \u0111a", "ti\u00eau th\u1ee5 nhi\u00ean li\u1ec7u", "ti\u00eau hao nhi\u00ean li\u1ec7u"]}}');
INSERT INTO public.sector VALUES ('cosmetics', 'Mỹ phẩm', 'Cosmetics', 15, '{"hs": ["3303", "3304", "3305", "3306", "3307", "3401"], "ics": ["71.100.70"], "keywords": {"en": ["cosmetic", "cosmetic product", "cosmetics", "perfume", "fragrance product", "eau de toilette", "toiletry", "toiletries", "personal care product", "skin care", "skincare", "sunscreen", "sunscreen product", "makeup", "make-up product", "lipstick", "nail polish", "mascara", "shampoo", "conditioner for hair", "hair dye", "hair colour", "hair product", "deodorant", "antiperspirant", "toothpaste", "mouthwash", "oral care product", "soap", "shaving cream", "cosmetic ingredient"], "fr": ["cosm\u00e9tique", "cosmetique", "produits cosm\u00e9tiques", "produit cosm\u00e9tique", "parfum", "parfumerie", "eau de toilette", "savon", "shampooing", "dentifrice", "d\u00e9odorant", "maquillage", "cr\u00e8me solaire", "produits de toilette", "teinture capillaire"], "es": ["cosm\u00e9tico", "cosmetico", "productos cosm\u00e9ticos", "producto cosm\u00e9tico", "perfume", "perfumer\u00eda", "jab\u00f3n", "jabon", "champ\u00fa", "champu", "pasta dental", "dent\u00edfrico", "desodorante", "maquillaje", "protector solar", "productos de higiene personal", "producto de higiene personal", "tinte para el cabello"], "vi": ["m\u1ef9 ph\u1ea9m", "m\u0129 ph\u1ea9m", "n\u01b0\u1edbc hoa", "d\u1ea7u g\u1ed9i", "s\u1eefa t\u1eafm", "s\u1eefa r\u1eeda m\u1eb7t", "kem d\u01b0\u1ee1ng da", "kem ch\u1ed1ng n\u1eafng", "son m\u00f4i", "kem \u0111\u00e1nh r\u0103ng", "x\u00e0 ph\u00f2ng", "x\u00e0 b\u00f4ng", "thu\u1ed1c nhu\u1ed9m t\u00f3c", "ch\u1ea5t kh\u1eed m\u00f9i", "s\u1ea3n ph\u1ea9m ch\u0103m s\u00f3c c\u00e1 nh\u00e2n"]}, "exclude": {"en": ["cosmetic surgery", "soap opera"]}}');
INSERT INTO public.sector VALUES ('pharma_medical', 'Dược phẩm, thiết bị y tế', 'Pharmaceuticals and medical devices', 16, '{"hs": ["30", "9018", "9019", "9020", "9021", "9022"], "ics": ["11"], "keywords": {"en": ["pharmaceutical", "pharmaceutical product", "medicine", "medicinal product", "veterinary medicinal product", "veterinary drug", "drug", "drugs", "generic drug", "active pharmaceutical ingredient", "vaccine", "biological product", "antibiotic", "medical device", "medical devices", "in vitro diagnostic", "diagnostic reagent", "medical equipment", "surgical instrument", "surgical mask", "medical mask", "medical glove", "syringe", "catheter", "implant", "x-ray equipment", "hearing aid", "orthopaedic appliance", "orthopedic", "wheelchair", "blood glucose meter", "dental material", "medical supplies"], "fr": ["m\u00e9dicament", "medicament", "m\u00e9dicaments", "produits pharmaceutiques", "produit pharmaceutique", "m\u00e9dicament v\u00e9t\u00e9rinaire", "vaccin", "dispositif m\u00e9dical", "dispositifs m\u00e9dicaux", "diagnostic in vitro", "mat\u00e9riel m\u00e9dical", "instrument chirurgical", "seringue", "produit de sant\u00e9"], "es": ["medicamento", "medicamentos", "productos farmac\u00e9uticos", "producto farmac\u00e9utico", "f\u00e1rmaco", "farmaco", "medicamento veterinario", "vacuna", "dispositivo m\u00e9dico", "dispositivos m\u00e9dicos", "diagn\u00f3stico in vitro", "equipo m\u00e9dico", "equipos m\u00e9dicos", "instrumental quir\u00fargico", "jeringa", "elemento de uso m\u00e9dico", "producto de uso m\u00e9dico", "instrumental m\u00e9dico", "aparato m\u00e9dico", "material m\u00e9dico", "insumo m\u00e9dico"], "vi": ["d\u01b0\u1ee3c ph\u1ea9m", "thu\u1ed1c ch\u1eefa b\u1ec7nh", "thu\u1ed1c th\u00fa y", "thu\u1ed1c t\u00e2n d\u01b0\u1ee3c", "nguy\u00ean li\u1ec7u l\u00e0m thu\u1ed1c", "v\u1eafc xin", "vaccine", "sinh ph\u1ea9m", "thi\u1ebft b\u1ecb y t\u1ebf", "trang thi\u1ebft b\u1ecb y t\u1ebf", "d\u1ee5ng c\u1ee5 y t\u1ebf", "v\u1eadt t\u01b0 y t\u1ebf", "kh\u1ea9u trang y t\u1ebf", "b\u01a1m ti\u00eam"]}, "exclude": {"en": ["drug precursor", "drug precursors", "traditional medicine", "herbal medicine", "medicinal plant", "medicinal herb", "drug-free", "veterinary drug residue", "residues of veterinary drugs", "residue of veterinary drug", "maximum residue limit", "maximum residue level", "MRL"], "fr": ["r\u00e9sidus de m\u00e9dicaments v\u00e9t\u00e9rinaires", "limites maximales de r\u00e9sidus"], "es": ["residuos de medicamentos veterinarios", "l\u00edmites m\u00e1ximos de residuos"], "vi": ["d\u01b0 l\u01b0\u1ee3ng thu\u1ed1c th\u00fa y"]}}');
INSERT INTO public.sector VALUES ('textiles_footwear', 'Dệt may, da giày', 'Textiles, garments, leather, footwear', 17, '{"hs": ["41", "42", "43", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63", "64", "65", "66", "67"], "ics": ["59", "61"], "keywords": {"en": ["textile", "textile product", "textile fibre", "textile fiber", "textile article", "garment", "clothing", "apparel", "children''s clothing", "fabric", "woven fabric", "knitted fabric", "yarn", "fibre", "fiber", "cotton", "silk", "wool", "polyester", "nylon fabric", "denim", "knitwear", "hosiery", "underwear", "footwear", "shoe", "sandal", "leather", "leather product", "hides and skins", "raw hides", "fur", "handbag", "travel goods", "luggage", "carpet", "rug", "bedding", "bed linen", "towel", "curtain", "headgear", "hat", "umbrella", "sewing thread", "nonwoven", "non-woven", "geotextile", "tent", "tarpaulin", "awning", "blanket", "mosquito net", "sleeping bag"], "fr": ["textile", "produits textiles", "produit textile", "fibres textiles", "v\u00eatement", "vetement", "v\u00eatements", "habillement", "tissu", "\u00e9toffe", "fil \u00e0 coudre", "coton", "soie", "laine", "chaussure", "chaussures", "articles chaussants", "cuir", "peaux", "maroquinerie", "tapis", "linge de lit", "tente", "b\u00e2che", "moustiquaire", "sac de couchage"], "es": ["textil", "textiles", "productos textiles", "producto textil", "fibras textiles", "prenda de vestir", "prendas de vestir", "ropa", "vestimenta", "indumentaria", "confecci\u00f3n", "tela", "tejido de punto", "hilado", "hilo", "algod\u00f3n", "algodon", "seda", "lana", "calzado", "zapato", "cuero", "pieles", "marroquiner\u00eda", "alfombra", "ropa de cama", "tienda de campa\u00f1a", "lona", "mosquitero", "saco de dormir"], "vi": ["d\u1ec7t may", "h\u00e0ng d\u1ec7t may", "s\u1ea3n ph\u1ea9m d\u1ec7t may", "s\u1ea3n ph\u1ea9m d\u1ec7t", "v\u1ea3i", "v\u1ea3i s\u1ee3i", "s\u1ee3i", "qu\u1ea7n \u00e1o", "trang ph\u1ee5c", "may m\u1eb7c", "h\u00e0ng may m\u1eb7c", "gi\u00e0y d\u00e9p", "gi\u00e0y", "d\u00e9p", "da gi\u00e0y", "\u0111\u1ed3 da", "thu\u1ed9c da", "t\u00fai x\u00e1ch", "vali", "ch\u0103n ga", "kh\u0103n b\u00f4ng", "th\u1ea3m tr\u1ea3i s\u00e0n", "l\u1ec1u", "m\u00e0n ch\u1ed1ng mu\u1ed7i"]}, "exclude": {"en": ["dietary fibre", "dietary fiber", "fibre optic", "fiber optic", "optical fibre", "optical fiber", "fibre-optic", "fiber-optic", "fibreboard", "fiberboard", "glass fibre", "glass fiber", "carbon fibre", "carbon fiber", "fibre cement", "fiber cement", "brake shoe", "shoe polish", "boot loader"], "vi": ["s\u1ee3i quang", "c\u00e1p s\u1ee3i quang", "th\u1ea3m h\u1ecda"]}}');
INSERT INTO public.sector VALUES ('metals', 'Sắt thép, kim loại', 'Iron, steel and metals', 18, '{"hs": ["72", "73", "74", "75", "76", "78", "79", "80", "81", "82", "83"], "ics": ["77"], "keywords": {"en": ["steel", "iron and steel", "stainless steel", "steel product", "steel bar", "reinforcing bar", "rebar", "steel wire", "wire rod", "steel sheet", "steel pipe", "steel tube", "steel plate", "hot-rolled", "cold-rolled", "galvanized steel", "cast iron", "pig iron", "iron ore", "ferroalloy", "ferro-alloy", "aluminium", "aluminum", "aluminium product", "copper", "copper product", "brass", "zinc", "nickel", "lead ingot", "tin plate", "tinplate", "titanium", "tungsten", "metal", "metal product", "metallic material", "base metal", "scrap metal", "metal scrap", "fastener", "bolt", "screw", "nuts and bolts", "bolts and nuts", "cutlery", "hand tool", "padlock", "steel wire rope", "metal container", "steel structure", "reinforcement of concrete", "concrete reinforcement", "reinforcing steel", "prestressing steel"], "fr": ["acier", "aciers", "fer et acier", "acier inoxydable", "produits sid\u00e9rurgiques", "produits en acier", "barres d''armature", "fil machine", "tube en acier", "fonte", "ferro-alliage", "aluminium", "cuivre", "laiton", "zinc", "nickel", "m\u00e9tal", "m\u00e9taux", "metaux", "ferraille", "boulon", "vis et \u00e9crous", "coutellerie", "acier pour b\u00e9ton arm\u00e9", "armatures pour b\u00e9ton"], "es": ["acero", "aceros", "hierro", "hierro y acero", "acero inoxidable", "productos sider\u00fargicos", "productos de acero", "varilla corrugada", "barras de acero", "alambr\u00f3n", "tubos de acero", "planchas de acero", "fundici\u00f3n de hierro", "ferroaleaci\u00f3n", "aluminio", "cobre", "lat\u00f3n", "zinc", "n\u00edquel", "niquel", "metal", "metales", "chatarra", "perno", "tornillo", "tuercas", "cuchiller\u00eda", "refuerzo de concreto", "refuerzo de hormig\u00f3n", "armaduras para hormig\u00f3n"], "vi": ["th\u00e9p", "s\u1eaft th\u00e9p", "s\u1eaft", "th\u00e9p kh\u00f4ng g\u1ec9", "inox", "th\u00e9p x\u00e2y d\u1ef1ng", "th\u00e9p cu\u1ed9n", "th\u00e9p t\u1ea5m", "th\u00e9p m\u1ea1", "t\u00f4n m\u1ea1", "t\u00f4n l\u1ea1nh", "\u1ed1ng th\u00e9p", "d\u00e2y th\u00e9p", "ph\u00f4i th\u00e9p", "qu\u1eb7ng s\u1eaft", "h\u1ee3p kim fero", "nh\u00f4m", "nh\u00f4m \u0111\u1ecbnh h\u00ecnh", "\u0111\u1ed3ng thau", "d\u00e2y \u0111\u1ed3ng", "\u0111\u1ed3ng nguy\u00ean ch\u1ea5t", "k\u1ebdm", "niken", "kim lo\u1ea1i", "s\u1ea3n ph\u1ea9m kim lo\u1ea1i", "ph\u1ebf li\u1ec7u kim lo\u1ea1i", "bu l\u00f4ng", "\u1ed1c v\u00edt", "dao k\u00e9o", "c\u1ed1t b\u00ea t\u00f4ng", "th\u00e9p l\u00e0m c\u1ed1t b\u00ea t\u00f4ng"]}, "exclude": {"en": ["heavy metal", "heavy metals", "metal detector", "iron fortified", "iron-fortified", "fortified with iron", "iron deficiency", "iron content", "zinc oxide", "zinc content", "copper sulphate", "copper sulfate", "aluminium lake", "steel drum band", "metal halide lamp", "metallic paint"], "fr": ["m\u00e9taux lourds", "metaux lourds", "enrichi en fer", "enrichie en fer", "fortifi\u00e9e en fer"], "es": ["metales pesados", "fortificada con hierro", "fortificado con hierro", "fortificaci\u00f3n con hierro", "enriquecida con hierro"], "vi": ["kim lo\u1ea1i n\u1eb7ng"]}}');
INSERT INTO public.sector VALUES ('electrical_electronics', 'Điện, máy móc', 'Electrical, electronics, machinery', 19, '{"hs": ["84", "85"], "ics": ["29", "31", "33", "35", "23", "25", "27"], "keywords": {"en": ["electrical", "electrical equipment", "electrical product", "electrical appliance", "electric appliance", "household appliance", "home appliance", "domestic appliance", "electronic", "electronic equipment", "electronic product", "electrical and electronic equipment", "machinery", "machine", "industrial machinery", "machinery safety", "battery", "batteries", "lithium-ion battery", "lithium battery", "accumulator", "charger", "power supply", "cable", "power cable", "electric wire", "socket-outlet", "circuit breaker", "lamp", "LED lamp", "LED lighting", "lighting product", "luminaire", "light bulb", "transformer", "electric motor", "generator", "solar panel", "photovoltaic", "PV module", "inverter", "radio equipment", "wireless device", "telecommunication equipment", "telecommunications equipment", "radio frequency", "mobile phone", "cell phone", "smartphone", "telephone", "tablet computer", "computer", "laptop", "information technology equipment", "television", "audio equipment", "video equipment", "air conditioner", "heat pump", "refrigerator", "freezer", "washing machine", "dishwasher", "microwave oven", "electric kettle", "rice cooker", "coffee machine", "coffee maker", "hair dryer", "vacuum cleaner", "electric fan", "water heater", "electromagnetic compatibility", "EMC", "low voltage equipment", "energy efficiency label", "electric vehicle charging", "compressor", "boiler", "elevator", "escalator", "agricultural machinery", "semiconductor", "integrated circuit", "printed circuit board", "electronic component", "electrical safety", "electric vehicle battery", "batteries for electric vehicles", "traction battery", "refrigerating appliance"], "fr": ["\u00e9quipements \u00e9lectriques", "\u00e9quipement \u00e9lectrique", "mat\u00e9riel \u00e9lectrique", "\u00e9lectrique", "electrique", "\u00e9lectronique", "electronique", "appareils \u00e9lectrom\u00e9nagers", "appareil \u00e9lectrom\u00e9nager", "\u00e9lectrom\u00e9nager", "machine", "machines", "batterie", "accumulateur", "chargeur", "c\u00e2ble", "lampe", "\u00e9clairage", "luminaire", "transformateur", "moteur \u00e9lectrique", "panneau solaire", "\u00e9quipements radio\u00e9lectriques", "\u00e9quipement radio\u00e9lectrique", "\u00e9quipements de t\u00e9l\u00e9communication", "t\u00e9l\u00e9phone mobile", "t\u00e9l\u00e9phone", "ordinateur", "t\u00e9l\u00e9viseur", "climatiseur", "r\u00e9frig\u00e9rateur", "refrigerateur", "lave-linge", "compatibilit\u00e9 \u00e9lectromagn\u00e9tique", "basse tension", "appareil de r\u00e9frig\u00e9ration", "cong\u00e9lateur"], "es": ["equipos el\u00e9ctricos", "equipo el\u00e9ctrico", "aparato el\u00e9ctrico", "aparatos el\u00e9ctricos", "el\u00e9ctrico", "electrico", "el\u00e9ctricos", "electr\u00f3nico", "electronico", "electr\u00f3nicos", "electrodom\u00e9stico", "electrodom\u00e9sticos", "maquinaria", "m\u00e1quina", "maquina", "bater\u00eda", "bateria", "cargador", "cable", "l\u00e1mpara", "lampara", "iluminaci\u00f3n", "luminaria", "transformador", "motor el\u00e9ctrico", "panel solar", "fotovoltaico", "equipos de radiocomunicaci\u00f3n", "equipo de telecomunicaciones", "equipos de telecomunicaciones", "tel\u00e9fono m\u00f3vil", "tel\u00e9fono celular", "celular", "computadora", "ordenador", "televisor", "aire acondicionado", "refrigerador", "nevera", "lavadora", "compatibilidad electromagn\u00e9tica", "baja tensi\u00f3n", "aparato de uso dom\u00e9stico", "artefacto dom\u00e9stico", "aparato de refrigeraci\u00f3n", "congelador"], "vi": ["thi\u1ebft b\u1ecb \u0111i\u1ec7n", "s\u1ea3n ph\u1ea9m \u0111i\u1ec7n", "\u0111\u1ed3 \u0111i\u1ec7n", "thi\u1ebft b\u1ecb \u0111i\u1ec7n t\u1eed", "s\u1ea3n ph\u1ea9m \u0111i\u1ec7n t\u1eed", "linh ki\u1ec7n \u0111i\u1ec7n t\u1eed", "h\u00e0ng \u0111i\u1ec7n t\u1eed", "\u0111i\u1ec7n gia d\u1ee5ng", "thi\u1ebft b\u1ecb gia d\u1ee5ng", "\u0111\u1ed3 gia d\u1ee5ng", "m\u00e1y m\u00f3c", "m\u00e1y m\u00f3c thi\u1ebft b\u1ecb", "\u1eafc quy", "pin s\u1ea1c", "pin lithium", "b\u1ed9 s\u1ea1c", "d\u00e2y \u0111i\u1ec7n", "c\u00e1p \u0111i\u1ec7n", "d\u00e2y v\u00e0 c\u00e1p \u0111i\u1ec7n", "\u1ed5 c\u1eafm", "ph\u00edch c\u1eafm", "\u0111\u00e8n led", "b\u00f3ng \u0111\u00e8n", "\u0111\u00e8n chi\u1ebfu s\u00e1ng", "m\u00e1y bi\u1ebfn \u00e1p", "\u0111\u1ed9ng c\u01a1 \u0111i\u1ec7n", "m\u00e1y ph\u00e1t \u0111i\u1ec7n", "t\u1ea5m pin m\u1eb7t tr\u1eddi", "pin m\u1eb7t tr\u1eddi", "thi\u1ebft b\u1ecb v\u00f4 tuy\u1ebfn", "thi\u1ebft b\u1ecb vi\u1ec5n th\u00f4ng", "\u0111i\u1ec7n tho\u1ea1i", "\u0111i\u1ec7n tho\u1ea1i di \u0111\u1ed9ng", "m\u00e1y t\u00ednh", "ti vi", "tivi", "\u0111i\u1ec1u h\u00f2a kh\u00f4ng kh\u00ed", "m\u00e1y \u0111i\u1ec1u h\u00f2a", "t\u1ee7 l\u1ea1nh", "m\u00e1y gi\u1eb7t", "n\u1ed3i c\u01a1m \u0111i\u1ec7n", "qu\u1ea1t \u0111i\u1ec7n", "b\u00ecnh n\u01b0\u1edbc n\u00f3ng", "t\u01b0\u01a1ng th\u00edch \u0111i\u1ec7n t\u1eeb", "an to\u00e0n \u0111i\u1ec7n", "thang m\u00e1y", "n\u1ed3i h\u01a1i", "m\u00e1y n\u00f4ng nghi\u1ec7p"]}, "exclude": {"en": ["battery cage", "battery cages", "machine-readable", "machine readable", "machine learning", "slot machine", "plug-in hybrid", "engine oil"]}}');
INSERT INTO public.sector VALUES ('vehicles', 'Phương tiện, phụ tùng', 'Vehicles and parts', 20, '{"hs": ["86", "87", "88", "89"], "ics": ["43", "45", "47", "49"], "keywords": {"en": ["vehicle", "motor vehicle", "road vehicle", "passenger car", "car", "automobile", "automotive", "truck", "lorry", "bus", "motorcycle", "moped", "motorbike", "scooter", "bicycle", "e-bike", "electric bicycle", "electric vehicle", "hybrid vehicle", "trailer", "semi-trailer", "agricultural tractor", "tractor", "vehicle part", "automotive part", "auto part", "vehicle component", "brake", "brake lining", "seat belt", "child restraint", "airbag", "headlamp", "rear-view mirror", "windscreen", "safety glazing", "vehicle emission", "exhaust emission", "fuel consumption", "fuel economy", "UN regulation", "railway", "rolling stock", "locomotive", "railway vehicle", "ships", "seagoing vessel", "inland waterway vessel", "boat", "fishing vessel", "yacht", "aircraft", "civil aircraft", "unmanned aircraft", "drone", "helicopter", "floating dock", "barge", "tugboat"], "fr": ["v\u00e9hicule", "vehicule", "v\u00e9hicule \u00e9lectrique", "v\u00e9hicules \u00e0 moteur", "v\u00e9hicule \u00e0 moteur", "automobile", "voiture", "camion", "autobus", "autocar", "motocycle", "motocyclette", "cyclomoteur", "bicyclette", "v\u00e9lo", "remorque", "tracteur agricole", "tracteur", "pi\u00e8ces automobiles", "pi\u00e8ces d\u00e9tach\u00e9es", "syst\u00e8me de freinage", "ceinture de s\u00e9curit\u00e9", "mat\u00e9riel roulant", "ferroviaire", "locomotive", "navire", "bateau", "a\u00e9ronef", "drone", "p\u00e9niche", "dock flottant", "remorqueur"], "es": ["veh\u00edculo", "vehiculo", "veh\u00edculo el\u00e9ctrico", "veh\u00edculos automotores", "veh\u00edculo automotor", "veh\u00edculos de motor", "autom\u00f3vil", "automovil", "autos", "cami\u00f3n", "camion", "autob\u00fas", "autobus", "motocicleta", "ciclomotor", "bicicleta", "remolque", "semirremolque", "tractor", "autopartes", "autopartes y repuestos", "repuesto", "piezas de veh\u00edculos", "frenos", "cintur\u00f3n de seguridad", "material rodante", "ferroviario", "locomotora", "buque", "embarcaci\u00f3n", "aeronave", "dron", "barcaza", "dique flotante", "remolcador"], "vi": ["ph\u01b0\u01a1ng ti\u1ec7n giao th\u00f4ng", "ph\u01b0\u01a1ng ti\u1ec7n c\u01a1 gi\u1edbi", "xe c\u01a1 gi\u1edbi", "\u00f4 t\u00f4", "\u00f4t\u00f4", "xe \u00f4 t\u00f4", "xe h\u01a1i", "xe t\u1ea3i", "xe kh\u00e1ch", "xe bu\u00fdt", "xe m\u00e1y", "xe m\u00f4 t\u00f4", "m\u00f4 t\u00f4", "xe g\u1eafn m\u00e1y", "xe \u0111\u1ea1p", "xe \u0111\u1ea1p \u0111i\u1ec7n", "xe \u0111i\u1ec7n", "xe m\u00e1y \u0111i\u1ec7n", "r\u01a1 mo\u00f3c", "s\u01a1 mi r\u01a1 mo\u00f3c", "m\u00e1y k\u00e9o", "ph\u1ee5 t\u00f9ng \u00f4 t\u00f4", "ph\u1ee5 t\u00f9ng xe m\u00e1y", "linh ki\u1ec7n \u00f4 t\u00f4", "linh ki\u1ec7n xe", "\u0111\u01b0\u1eddng s\u1eaft", "\u0111\u1ea7u m\u00e1y", "toa xe", "t\u00e0u bi\u1ec3n", "t\u00e0u th\u1ee7y", "t\u00e0u c\u00e1", "ph\u01b0\u01a1ng ti\u1ec7n th\u1ee7y", "m\u00e1y bay", "t\u00e0u bay", "t\u00e0u bay kh\u00f4ng ng\u01b0\u1eddi l\u00e1i", "\u1ee5 n\u1ed5i", "s\u00e0 lan", "x\u00e0 lan", "t\u00e0u k\u00e9o", "ph\u01b0\u01a1ng ti\u1ec7n th\u1ee7y n\u1ed9i \u0111\u1ecba"]}, "exclude": {"en": ["car seat cover fabric", "bus bar", "busbar", "data bus", "usb", "shipping container", "blood vessel", "pressure vessel", "tyre", "tire"], "fr": ["pneumatique", "pneu"], "es": ["neum\u00e1tico", "llanta"], "vi": ["ph\u01b0\u01a1ng ti\u1ec7n truy\u1ec1n th\u00f4ng", "ph\u01b0\u01a1ng ti\u1ec7n thanh to\u00e1n", "l\u1ed1p"]}}');
INSERT INTO public.sector VALUES ('construction_materials', 'Vật liệu xây dựng', 'Construction materials', 21, '{"hs": ["25", "68", "69", "70"], "ics": ["91"], "keywords": {"en": ["construction product", "construction products", "construction material", "building material", "building product", "cement", "portland cement", "clinker", "concrete", "ready-mixed concrete", "mortar", "brick", "ceramic tile", "tile", "roof tile", "sanitary ware", "sanitaryware", "ceramic", "porcelain", "glass", "flat glass", "float glass", "safety glass", "tempered glass", "laminated glass", "glass wool", "mineral wool", "insulation material", "thermal insulation product", "gypsum", "gypsum board", "plasterboard", "natural stone", "marble", "granite", "sand", "gravel", "asbestos-cement", "fibre cement", "fiber cement"], "fr": ["produits de construction", "produit de construction", "mat\u00e9riaux de construction", "mat\u00e9riau de construction", "ciment", "b\u00e9ton", "beton", "mortier", "brique", "carreau", "carreaux", "tuile", "c\u00e9ramique", "ceramique", "verre", "verre plat", "verre tremp\u00e9", "pl\u00e2tre", "platre", "chaux", "pierre naturelle", "marbre", "granit", "sable", "granulat", "isolant thermique", "laine min\u00e9rale"], "es": ["productos de construcci\u00f3n", "producto de construcci\u00f3n", "materiales de construcci\u00f3n", "material de construcci\u00f3n", "cemento", "concreto", "hormig\u00f3n", "hormigon", "mortero", "ladrillo", "baldosa", "azulejo", "teja", "cer\u00e1mica", "ceramica", "vidrio", "vidrio plano", "vidrio templado", "vidrio de seguridad", "yeso", "piedra natural", "m\u00e1rmol", "marmol", "granito", "arena", "grava", "agregados", "aislante t\u00e9rmico", "lana mineral"], "vi": ["v\u1eadt li\u1ec7u x\u00e2y d\u1ef1ng", "s\u1ea3n ph\u1ea9m x\u00e2y d\u1ef1ng", "xi m\u0103ng", "clinker", "b\u00ea t\u00f4ng", "b\u00ea t\u00f4ng th\u01b0\u01a1ng ph\u1ea9m", "v\u1eefa", "g\u1ea1ch", "g\u1ea1ch \u1ed1p l\u00e1t", "g\u1ea1ch men", "ng\u00f3i", "g\u1ed1m s\u1ee9", "s\u1ee9 v\u1ec7 sinh", "thi\u1ebft b\u1ecb v\u1ec7 sinh", "k\u00ednh x\u00e2y d\u1ef1ng", "k\u00ednh n\u1ed5i", "k\u00ednh an to\u00e0n", "k\u00ednh c\u01b0\u1eddng l\u1ef1c", "k\u00ednh d\u00e1n", "th\u1ea1ch cao", "t\u1ea5m th\u1ea1ch cao", "v\u00f4i", "\u0111\u00e1 \u1ed1p l\u00e1t", "\u0111\u00e1 x\u00e2y d\u1ef1ng", "\u0111\u00e1 granite", "\u0111\u00e1 hoa", "c\u00e1t x\u00e2y d\u1ef1ng", "c\u1ed1t li\u1ec7u", "b\u00f4ng kho\u00e1ng", "v\u1eadt li\u1ec7u c\u00e1ch nhi\u1ec7t"]}, "exclude": {"en": ["glass bottle", "glass bottles", "glass container", "glass containers", "glass jar", "glass fibre reinforced plastic", "drinking glass", "glass tableware", "magnifying glass", "stone fruit", "kidney stone", "glassware for laboratory", "sand blasting", "sticking plaster", "concrete measure", "concrete step", "concrete action", "concrete example"]}}');
INSERT INTO public.sector VALUES ('toys_consumer', 'Đồ chơi, hàng tiêu dùng', 'Toys and consumer goods', 22, '{"hs": ["95", "96"], "ics": ["97.200", "97.220", "97.190"], "keywords": {"en": ["toy", "toys", "wooden toy", "plastic toy", "electric toy", "children''s product", "childcare article", "child care article", "child-resistant", "baby walker", "pacifier", "playground equipment", "sports equipment", "sporting goods", "fitness equipment", "exercise equipment", "video game", "game console", "playing card", "board game", "doll", "puzzle", "fishing rod", "fishing tackle", "festive article", "christmas decoration", "cigarette lighter", "ballpoint pen", "pencil", "crayon", "toothbrush", "zip fastener", "vacuum flask", "sanitary towel", "sanitary pad", "tampon", "diaper", "nappy", "baby diaper", "pram", "perambulator", "stroller", "pushchair", "baby carriage", "high chair", "crib", "playpen", "party goods", "party article"], "fr": ["jouet", "jouets", "articles de pu\u00e9riculture", "article de pu\u00e9riculture", "articles de sport", "\u00e9quipements de sport", "jeux vid\u00e9o", "poup\u00e9e", "briquet", "briquets", "stylo", "crayon", "brosse \u00e0 dents", "couche pour b\u00e9b\u00e9", "couches", "serviettes hygi\u00e9niques", "landau", "poussette", "lit d''enfant", "parc pour enfant", "chaise haute", "articles de f\u00eate", "article de f\u00eate", "cotillon"], "es": ["juguete", "juguetes", "art\u00edculos para ni\u00f1os", "art\u00edculos de puericultura", "art\u00edculos deportivos", "equipos deportivos", "videojuego", "mu\u00f1eca", "encendedor", "encendedores", "mechero", "bol\u00edgrafo", "l\u00e1piz", "cepillo de dientes", "pa\u00f1al", "pa\u00f1ales", "toallas sanitarias", "cochecito", "coche de beb\u00e9", "carriola", "silla alta", "cuna", "corral para beb\u00e9", "art\u00edculo para fiesta", "art\u00edculos de fiesta"], "vi": ["\u0111\u1ed3 ch\u01a1i", "\u0111\u1ed3 ch\u01a1i tr\u1ebb em", "s\u1ea3n ph\u1ea9m cho tr\u1ebb em", "d\u1ee5ng c\u1ee5 th\u1ec3 thao", "thi\u1ebft b\u1ecb th\u1ec3 thao", "d\u1ee5ng c\u1ee5 t\u1eadp th\u1ec3 d\u1ee5c", "b\u1eadt l\u1eeda", "b\u00fat bi", "b\u00fat ch\u00ec", "b\u00e0n ch\u1ea3i \u0111\u00e1nh r\u0103ng", "t\u00e3 gi\u1ea5y", "b\u1ec9m", "b\u0103ng v\u1ec7 sinh", "ph\u00edch n\u01b0\u1edbc", "xe \u0111\u1ea9y tr\u1ebb em", "c\u0169i tr\u1ebb em", "gh\u1ebf \u0103n tr\u1ebb em"]}, "broad": {"en": ["consumer product", "consumer products", "consumer goods"], "fr": ["produits de consommation"], "es": ["productos de consumo"], "vi": ["h\u00e0ng ti\u00eau d\u00f9ng"]}, "exclude": {"en": ["pencil case of steel"]}}');
INSERT INTO public.sector VALUES ('packaging', 'Bao bì', 'Packaging', 23, '{"hs": ["3923", "4819", "7010", "7612"], "ics": ["55", "67.250"], "keywords": {"en": ["packaging", "packaging material", "packaging waste", "plastic packaging", "food packaging", "wood packaging", "wood packaging material", "packaging and packaging waste", "food contact material", "food contact materials", "food contact article", "food-contact material", "materials in contact with food", "material in contact with food", "articles in contact with food", "materials and articles intended to come into contact with food", "food container", "food-grade container", "plastic bottle", "glass bottle", "glass container", "glass jar", "PET bottle", "beverage can", "aluminium can", "metal can", "tin can", "plastic bag", "carrier bag", "shopping bag", "single-use plastic", "disposable tableware", "paper cup", "carton", "paperboard box", "corrugated box", "sack", "crate", "closure", "bottle cap", "cling film", "wrapping film"], "fr": ["emballage", "emballages", "d\u00e9chets d''emballages", "mat\u00e9riaux d''emballage", "mat\u00e9riau d''emballage", "emballages en plastique", "mat\u00e9riaux au contact des denr\u00e9es alimentaires", "mat\u00e9riaux et objets destin\u00e9s \u00e0 entrer en contact avec des denr\u00e9es alimentaires", "contact alimentaire", "contact avec les denr\u00e9es alimentaires", "bouteille en plastique", "bouteille en verre", "sac en plastique", "sacs en plastique", "sacs plastiques", "plastique \u00e0 usage unique", "plastiques \u00e0 usage unique"], "es": ["envase", "envases", "embalaje", "embalajes", "empaque", "empaques", "envases y embalajes", "materiales de envase", "materiales en contacto con alimentos", "material en contacto con alimentos", "contacto con alimentos", "botella de pl\u00e1stico", "botella de vidrio", "bolsa de pl\u00e1stico", "bolsas de pl\u00e1stico", "bolsas pl\u00e1sticas", "pl\u00e1sticos de un solo uso", "pl\u00e1stico de un solo uso", "vajilla desechable"], "vi": ["bao b\u00ec", "bao g\u00f3i", "v\u1eadt li\u1ec7u bao g\u00f3i", "bao b\u00ec th\u1ef1c ph\u1ea9m", "bao b\u00ec nh\u1ef1a", "d\u1ee5ng c\u1ee5 ch\u1ee9a \u0111\u1ef1ng th\u1ef1c ph\u1ea9m", "v\u1eadt li\u1ec7u ti\u1ebfp x\u00fac v\u1edbi th\u1ef1c ph\u1ea9m", "ti\u1ebfp x\u00fac v\u1edbi th\u1ef1c ph\u1ea9m", "chai nh\u1ef1a", "chai th\u1ee7y tinh", "lon nh\u00f4m", "t\u00fai nh\u1ef1a", "t\u00fai ni l\u00f4ng", "t\u00fai nilon", "nh\u1ef1a d\u00f9ng m\u1ed9t l\u1ea7n", "h\u1ed9p gi\u1ea5y", "th\u00f9ng carton"]}, "exclude": {"en": ["package insert", "package leaflet", "software package", "package holiday", "packaging machine", "packaging machinery", "front-of-package", "front of package", "front-of-pack", "front of pack"], "fr": ["devant de l''emballage", "face avant de l''emballage"], "es": ["frente del envase", "parte frontal del envase"]}}');


--
-- Data for Name: source; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.source VALUES (1, 'samples', 'eping-export', 'package:samples/eping-sample.csv', NULL, NULL, NULL, '{}', '2026-12-01 22:57:12.861402+00');


--
-- Data for Name: sourcerun; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.sourcerun VALUES (1, 1, '2026-12-01 22:57:12.879474+00', '2026-12-01 22:57:12.976931+00', 'ok', 36, 36, 0, '');
INSERT INTO public.sourcerun VALUES (2, 1, '2026-12-01 22:57:23.644633+00', '2026-12-01 22:57:23.669048+00', 'ok', 36, 0, 0, '');
INSERT INTO public.sourcerun VALUES (3, 1, '2026-12-01 22:57:31.277527+00', '2026-12-01 22:57:31.30201+00', 'ok', 36, 0, 0, '');


--
-- Data for Name: subscriber; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.subscriber VALUES (1, 'xuatkhau@caphe-dakbla.example.com', 'Nguyễn Văn An', 'Công ty TNHH Cà phê Đắk Bla (fictional)', 'vi', 'immediate', 'active', '["EU", "JPN", "USA"]', '[]', false, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.513781+00', '2026-12-01 22:57:07.548661+00');
INSERT INTO public.subscriber VALUES (2, 'export@ngoclinh-ginseng.example.org', 'Trần Thị Bích', 'Ngoc Linh Ginseng Cooperative (fictional)', 'en', 'daily', 'active', '[]', '[]', true, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.569247+00', '2026-12-01 22:57:07.600562+00');
INSERT INTO public.subscriber VALUES (3, 'kinhdoanh@caosu-sahuynh.example.net', 'Lê Minh Cường', 'Công ty CP Cao su Sa Huỳnh (fictional)', 'vi', 'weekly', 'active', '["CHN", "EU"]', '["TBT"]', true, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.621043+00', '2026-12-01 22:57:07.656616+00');
INSERT INTO public.subscriber VALUES (4, 'sales@kontum-tapioca.example.com', 'Phạm Đức Dũng', 'Kon Tum Tapioca Starch JSC (fictional)', 'en', 'daily', 'active', '["CHN", "KOR", "TPKM"]', '[]', false, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.673029+00', '2026-12-01 22:57:07.696523+00');
INSERT INTO public.subscriber VALUES (5, 'noithat@gomynghe-dungquat.example.com', 'Hoàng Thị Em', 'Xưởng Nội thất Dung Quất (fictional)', 'vi', 'weekly', 'active', '["AUS", "EU", "USA"]', '[]', false, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.708176+00', '2026-12-01 22:57:07.721871+00');
INSERT INTO public.subscriber VALUES (6, 'traicay@nongsan-daksao.example.org', 'Võ Văn Phúc', 'HTX Nông sản Đắk Sao — chanh dây, bơ, sầu riêng (fictional)', 'vi', 'immediate', 'active', '[]', '["SPS", "TBT"]', false, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.729525+00', '2026-12-01 22:57:07.756786+00');
INSERT INTO public.subscriber VALUES (7, 'export@macca-sahthay.example.com', 'Đặng Thu Giang', 'Sa Thay Macadamia & Cashew Co. (fictional)', 'en', 'weekly', 'active', '[]', '[]', false, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.780574+00', '2026-12-01 22:57:07.804499+00');
INSERT INTO public.subscriber VALUES (8, 'haisan@lyson-seafood.example.net', 'Bùi Quang Huy', 'Công ty TNHH Thủy sản Lý Sơn (fictional)', 'vi', 'daily', 'active', '["CHN", "EU", "JPN", "KOR", "USA"]', '[]', true, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.806628+00', '2026-12-01 22:57:07.823812+00');
INSERT INTO public.subscriber VALUES (9, 'tbt@sokhcn.example.gov.vn', 'Phòng Tiêu chuẩn Đo lường Chất lượng', 'Điểm hỏi đáp TBT tỉnh (fictional)', 'vi', 'weekly', 'active', '[]', '[]', false, NULL, '/tmp/legacy/subscribers/example.yaml', '', '2026-12-01 22:57:07.833164+00', '2026-12-01 22:57:07.845706+00');


--
-- Data for Name: subscribersector; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.subscribersector VALUES (1, 'coffee');
INSERT INTO public.subscribersector VALUES (2, 'medicinal_herbs');
INSERT INTO public.subscribersector VALUES (2, 'processed_food');
INSERT INTO public.subscribersector VALUES (3, 'rubber');
INSERT INTO public.subscribersector VALUES (3, 'wood_furniture');
INSERT INTO public.subscribersector VALUES (4, 'cassava');
INSERT INTO public.subscribersector VALUES (5, 'wood_furniture');
INSERT INTO public.subscribersector VALUES (6, 'fruit_vegetables');
INSERT INTO public.subscribersector VALUES (7, 'nuts');
INSERT INTO public.subscribersector VALUES (7, 'pepper_spices');
INSERT INTO public.subscribersector VALUES (8, 'seafood');
INSERT INTO public.subscribersector VALUES (9, 'cassava');
INSERT INTO public.subscribersector VALUES (9, 'coffee');
INSERT INTO public.subscribersector VALUES (9, 'fruit_vegetables');
INSERT INTO public.subscribersector VALUES (9, 'medicinal_herbs');
INSERT INTO public.subscribersector VALUES (9, 'nuts');
INSERT INTO public.subscribersector VALUES (9, 'pepper_spices');
INSERT INTO public.subscribersector VALUES (9, 'rubber');
INSERT INTO public.subscribersector VALUES (9, 'seafood');
INSERT INTO public.subscribersector VALUES (9, 'sugar');
INSERT INTO public.subscribersector VALUES (9, 'wood_furniture');


--
-- Data for Name: tag; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.tag VALUES (1, 1, 'coffee', 'auto', 'active', 'HS 090111 under 0901', 'hs:0901', '', NULL, '2026-12-01 22:57:13.195978+00');
INSERT INTO public.tag VALUES (2, 1, 'rubber', 'auto', 'active', 'HS 400121 under 40', 'hs:40', '', NULL, '2026-12-01 22:57:13.196166+00');
INSERT INTO public.tag VALUES (4, 2, 'coffee', 'auto', 'active', 'HS 090111 under 0901', 'hs:0901', '', NULL, '2026-12-01 22:57:13.198893+00');
INSERT INTO public.tag VALUES (5, 2, 'pepper_spices', 'auto', 'active', 'HS 090411 under 0904', 'hs:0904', '', NULL, '2026-12-01 22:57:13.198961+00');
INSERT INTO public.tag VALUES (6, 3, 'cassava', 'auto', 'active', 'HS 071410 under 071410', 'hs:071410', '', NULL, '2026-12-01 22:57:13.199154+00');
INSERT INTO public.tag VALUES (7, 3, 'fruit_vegetables', 'auto', 'active', 'HS 081060 under 08', 'hs:08', '', NULL, '2026-12-01 22:57:13.19922+00');
INSERT INTO public.tag VALUES (8, 4, 'cassava', 'auto', 'active', 'HS 110814 under 110814', 'hs:110814', '', NULL, '2026-12-01 22:57:13.199352+00');
INSERT INTO public.tag VALUES (9, 5, 'wood_furniture', 'auto', 'active', 'HS 940330 under 9403', 'hs:9403', '', NULL, '2026-12-01 22:57:13.199493+00');
INSERT INTO public.tag VALUES (10, 6, 'fruit_vegetables', 'auto', 'active', 'HS 080440 under 08', 'hs:08', '', NULL, '2026-12-01 22:57:13.199606+00');
INSERT INTO public.tag VALUES (11, 7, 'coffee', 'auto', 'active', 'HS 090121 under 0901', 'hs:0901', '', NULL, '2026-12-01 22:57:13.199871+00');
INSERT INTO public.tag VALUES (12, 8, 'electrical_electronics', 'auto', 'active', 'HS 8501 under 85', 'hs:85', '', NULL, '2026-12-01 22:57:13.200004+00');
INSERT INTO public.tag VALUES (13, 9, 'nuts', 'auto', 'active', 'HS 080132 under 0801', 'hs:0801', '', NULL, '2026-12-01 22:57:13.200128+00');
INSERT INTO public.tag VALUES (14, 10, 'pepper_spices', 'auto', 'active', 'HS 0904 under 0904', 'hs:0904', '', NULL, '2026-12-01 22:57:13.20878+00');
INSERT INTO public.tag VALUES (15, 10, 'processed_food', 'auto', 'active', '''processed food'' in title', 'keywords.en:processed food', '', NULL, '2026-12-01 22:57:13.208964+00');
INSERT INTO public.tag VALUES (16, 11, 'medicinal_herbs', 'auto', 'active', 'HS 121120 under 1211', 'hs:1211', '', NULL, '2026-12-01 22:57:13.20917+00');
INSERT INTO public.tag VALUES (17, 12, 'toys_consumer', 'auto', 'active', 'HS 9503 under 95', 'hs:95', '', NULL, '2026-12-01 22:57:13.209303+00');
INSERT INTO public.tag VALUES (18, 13, 'sugar', 'auto', 'active', '''sugar confectionery'' in title', 'keywords.en:sugar confectionery', '', NULL, '2026-12-01 22:57:13.209413+00');
INSERT INTO public.tag VALUES (19, 14, 'fruit_vegetables', 'auto', 'active', 'HS 081060 under 08', 'hs:08', '', NULL, '2026-12-01 22:57:13.209565+00');
INSERT INTO public.tag VALUES (20, 15, 'sugar', 'auto', 'active', 'HS 170114 under 1701', 'hs:1701', '', NULL, '2026-12-01 22:57:13.209683+00');
INSERT INTO public.tag VALUES (21, 16, 'seafood', 'auto', 'active', 'HS 030617 under 03', 'hs:03', '', NULL, '2026-12-01 22:57:13.209808+00');
INSERT INTO public.tag VALUES (22, 17, 'textiles_footwear', 'auto', 'active', 'HS 61 under 61', 'hs:61', '', NULL, '2026-12-01 22:57:13.209935+00');
INSERT INTO public.tag VALUES (23, 18, 'metals', 'auto', 'active', 'HS 721420 under 72', 'hs:72', '', NULL, '2026-12-01 22:57:13.210095+00');
INSERT INTO public.tag VALUES (24, 19, 'rubber', 'auto', 'active', 'HS 400121 under 40', 'hs:40', '', NULL, '2026-12-01 22:57:13.210214+00');
INSERT INTO public.tag VALUES (25, 20, 'coffee', 'auto', 'active', 'HS 0901 under 0901', 'hs:0901', '', NULL, '2026-12-01 22:57:13.210329+00');
INSERT INTO public.tag VALUES (26, 21, 'nuts', 'auto', 'active', 'HS 080261 under 0802', 'hs:0802', '', NULL, '2026-12-01 22:57:13.210435+00');
INSERT INTO public.tag VALUES (27, 22, 'wood_furniture', 'auto', 'active', 'HS 4407 under 44', 'hs:44', '', NULL, '2026-12-01 22:57:13.210557+00');
INSERT INTO public.tag VALUES (28, 23, 'processed_food', 'auto', 'active', '''food additive'' in title', 'keywords.en:food additive', '', NULL, '2026-12-01 22:57:13.210665+00');
INSERT INTO public.tag VALUES (29, 23, 'chemicals_fertilizers', 'auto', 'active', 'HS 350510 under 35', 'hs:35', '', NULL, '2026-12-01 22:57:13.210718+00');
INSERT INTO public.tag VALUES (30, 24, 'electrical_electronics', 'auto', 'active', 'HS 8509 under 85', 'hs:85', '', NULL, '2026-12-01 22:57:13.210831+00');
INSERT INTO public.tag VALUES (31, 25, 'fruit_vegetables', 'auto', 'active', '''passion fruit'' in title', 'keywords.en:passion fruit', '', NULL, '2026-12-01 22:57:13.210931+00');
INSERT INTO public.tag VALUES (32, 26, 'medicinal_herbs', 'auto', 'active', '''herbal medicinal product'' in title', 'keywords.en:herbal medicinal product', '', NULL, '2026-12-01 22:57:13.211046+00');
INSERT INTO public.tag VALUES (33, 27, 'seafood', 'auto', 'active', 'HS 030617 under 03', 'hs:03', '', NULL, '2026-12-01 22:57:13.21116+00');
INSERT INTO public.tag VALUES (34, 28, 'coffee', 'auto', 'active', 'HS 0901 under 0901', 'hs:0901', '', NULL, '2026-12-01 22:57:13.211269+00');
INSERT INTO public.tag VALUES (35, 28, 'processed_food', 'auto', 'active', '''cocoa'' in title', 'keywords.en:cocoa', '', NULL, '2026-12-01 22:57:13.211326+00');
INSERT INTO public.tag VALUES (36, 34, 'packaging', 'auto', 'active', 'HS 3923 under 3923', 'hs:3923', '', NULL, '2026-12-01 22:57:13.211434+00');
INSERT INTO public.tag VALUES (37, 35, 'fruit_vegetables', 'auto', 'active', 'HS 081190 under 08', 'hs:08', '', NULL, '2026-12-01 22:57:13.211535+00');
INSERT INTO public.tag VALUES (38, 36, 'coffee', 'auto', 'active', '''instant coffee'' in title', 'keywords.en:instant coffee', '', NULL, '2026-12-01 22:57:13.211626+00');
INSERT INTO public.tag VALUES (39, 36, 'processed_food', 'auto', 'active', '''processed food'' in title', 'keywords.en:processed food', '', NULL, '2026-12-01 22:57:13.211678+00');
INSERT INTO public.tag VALUES (40, 29, 'coffee', 'auto', 'active', '''coffee'' in title', 'keywords.en:coffee', '', NULL, '2026-12-01 22:57:13.211946+00');
INSERT INTO public.tag VALUES (41, 29, 'rubber', 'auto', 'active', '''rubber'' in title', 'keywords.en:rubber', '', NULL, '2026-12-01 22:57:13.212009+00');
INSERT INTO public.tag VALUES (42, 29, 'wood_furniture', 'auto', 'active', '''wood product'' in title', 'keywords.en:wood product', '', NULL, '2026-12-01 22:57:13.212067+00');
INSERT INTO public.tag VALUES (43, 30, 'coffee', 'auto', 'active', '''coffee bean'' in title', 'keywords.en:coffee bean', '', NULL, '2026-12-01 22:57:13.212193+00');
INSERT INTO public.tag VALUES (44, 30, 'pepper_spices', 'auto', 'active', '''black pepper'' in title', 'keywords.en:black pepper', '', NULL, '2026-12-01 22:57:13.220627+00');
INSERT INTO public.tag VALUES (45, 31, 'cassava', 'auto', 'active', 'HS 110814 under 110814', 'hs:110814', '', NULL, '2026-12-01 22:57:13.220921+00');
INSERT INTO public.tag VALUES (46, 32, 'wood_furniture', 'auto', 'active', 'HS 940360 under 9403', 'hs:9403', '', NULL, '2026-12-01 22:57:13.221084+00');
INSERT INTO public.tag VALUES (47, 33, 'nuts', 'auto', 'active', '''macadamia'' in title', 'keywords.en:macadamia', '', NULL, '2026-12-01 22:57:13.221194+00');
INSERT INTO public.tag VALUES (3, 1, 'wood_furniture', 'official', 'rejected', 'not furniture', 'official', 'Nguyễn Thị Lan', '2026-12-01 22:57:16.764947+00', '2026-12-01 22:57:13.198579+00');
INSERT INTO public.tag VALUES (48, 6, 'seafood', 'official', 'active', 'covers fish', 'official', 'Nguyễn Thị Lan', '2026-12-01 22:57:20.233335+00', '2026-12-01 22:57:20.233133+00');


--
-- Name: delivery_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.delivery_id_seq', 26, true);


--
-- Name: notification_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.notification_id_seq', 36, true);


--
-- Name: source_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.source_id_seq', 1, true);


--
-- Name: sourcerun_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.sourcerun_id_seq', 3, true);


--
-- Name: subscriber_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.subscriber_id_seq', 9, true);


--
-- Name: tag_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.tag_id_seq', 48, true);


--
-- Name: delivery delivery_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery
    ADD CONSTRAINT delivery_pkey PRIMARY KEY (id);


--
-- Name: delivery delivery_subscriber_id_notification_id_kind_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery
    ADD CONSTRAINT delivery_subscriber_id_notification_id_kind_key UNIQUE (subscriber_id, notification_id, kind);


--
-- Name: notification notification_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notification
    ADD CONSTRAINT notification_pkey PRIMARY KEY (id);


--
-- Name: scheduler_jobs scheduler_jobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduler_jobs
    ADD CONSTRAINT scheduler_jobs_pkey PRIMARY KEY (id);


--
-- Name: scheduler_lease scheduler_lease_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduler_lease
    ADD CONSTRAINT scheduler_lease_pkey PRIMARY KEY (name);


--
-- Name: sector sector_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sector
    ADD CONSTRAINT sector_pkey PRIMARY KEY (id);


--
-- Name: source source_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.source
    ADD CONSTRAINT source_pkey PRIMARY KEY (id);


--
-- Name: sourcerun sourcerun_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sourcerun
    ADD CONSTRAINT sourcerun_pkey PRIMARY KEY (id);


--
-- Name: subscriber subscriber_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.subscriber
    ADD CONSTRAINT subscriber_pkey PRIMARY KEY (id);


--
-- Name: subscribersector subscribersector_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.subscribersector
    ADD CONSTRAINT subscribersector_pkey PRIMARY KEY (subscriber_id, sector_id);


--
-- Name: tag tag_notification_id_sector_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag
    ADD CONSTRAINT tag_notification_id_sector_id_key UNIQUE (notification_id, sector_id);


--
-- Name: tag tag_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag
    ADD CONSTRAINT tag_pkey PRIMARY KEY (id);


--
-- Name: ix_delivery_notification_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_delivery_notification_id ON public.delivery USING btree (notification_id);


--
-- Name: ix_delivery_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_delivery_status ON public.delivery USING btree (status);


--
-- Name: ix_notification_area; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notification_area ON public.notification USING btree (area);


--
-- Name: ix_notification_base_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notification_base_id ON public.notification USING btree (base_id);


--
-- Name: ix_notification_base_symbol; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notification_base_symbol ON public.notification USING btree (base_symbol);


--
-- Name: ix_notification_distribution_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notification_distribution_date ON public.notification USING btree (distribution_date);


--
-- Name: ix_notification_first_seen_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notification_first_seen_at ON public.notification USING btree (first_seen_at);


--
-- Name: ix_notification_matched_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notification_matched_at ON public.notification USING btree (matched_at);


--
-- Name: ix_notification_member; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notification_member ON public.notification USING btree (member);


--
-- Name: ix_notification_source_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_notification_source_name ON public.notification USING btree (source_name);


--
-- Name: ix_notification_symbol; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_notification_symbol ON public.notification USING btree (symbol);


--
-- Name: ix_scheduler_jobs_next_run_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_scheduler_jobs_next_run_time ON public.scheduler_jobs USING btree (next_run_time);


--
-- Name: ix_source_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_source_name ON public.source USING btree (name);


--
-- Name: ix_sourcerun_source_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_sourcerun_source_id ON public.sourcerun USING btree (source_id);


--
-- Name: ix_subscriber_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_subscriber_email ON public.subscriber USING btree (email);


--
-- Name: ix_tag_notification_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tag_notification_id ON public.tag USING btree (notification_id);


--
-- Name: ix_tag_sector_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tag_sector_id ON public.tag USING btree (sector_id);


--
-- Name: delivery delivery_notification_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery
    ADD CONSTRAINT delivery_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES public.notification(id);


--
-- Name: delivery delivery_subscriber_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery
    ADD CONSTRAINT delivery_subscriber_id_fkey FOREIGN KEY (subscriber_id) REFERENCES public.subscriber(id);


--
-- Name: notification notification_base_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notification
    ADD CONSTRAINT notification_base_id_fkey FOREIGN KEY (base_id) REFERENCES public.notification(id);


--
-- Name: sourcerun sourcerun_source_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sourcerun
    ADD CONSTRAINT sourcerun_source_id_fkey FOREIGN KEY (source_id) REFERENCES public.source(id);


--
-- Name: subscribersector subscribersector_sector_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.subscribersector
    ADD CONSTRAINT subscribersector_sector_id_fkey FOREIGN KEY (sector_id) REFERENCES public.sector(id);


--
-- Name: subscribersector subscribersector_subscriber_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.subscribersector
    ADD CONSTRAINT subscribersector_subscriber_id_fkey FOREIGN KEY (subscriber_id) REFERENCES public.subscriber(id);


--
-- Name: tag tag_notification_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag
    ADD CONSTRAINT tag_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES public.notification(id);


--
-- Name: tag tag_sector_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag
    ADD CONSTRAINT tag_sector_id_fkey FOREIGN KEY (sector_id) REFERENCES public.sector(id);


--
-- PostgreSQL database dump complete
--


