-- The CloudTrail table whostopped queries for stops older than event history's 90 days (WHOSTOPPED_ATHENA_TABLE).
-- For an organisation trail, whose logs sit under AWSLogs/<organisation ID>/<account ID>/CloudTrail/<region>/<yyyy>/<MM>/<dd>/.
-- Partition projection on account, region and date (see "Create the table for CloudTrail logs in Athena using partition
-- projection" in the Athena user guide): no partitions to add, and a query that names one account, one region and a few
-- days reads only those prefixes. account and region are injected: every query must give them, which whostopped does.
--
-- Replace <bucket>, <o-organization-id> and the start of projection.date.range, then run it in the Athena console or
-- with `aws athena start-query-execution`. Create the database first: CREATE DATABASE cloudtrail;

CREATE EXTERNAL TABLE cloudtrail.org_trail (
    eventversion STRING,
    useridentity STRUCT<
        type: STRING,
        principalid: STRING,
        arn: STRING,
        accountid: STRING,
        invokedby: STRING,
        accesskeyid: STRING,
        username: STRING,
        onbehalfof: STRUCT<
            userid: STRING,
            identitystorearn: STRING>,
        sessioncontext: STRUCT<
            attributes: STRUCT<
                mfaauthenticated: STRING,
                creationdate: STRING>,
            sessionissuer: STRUCT<
                type: STRING,
                principalid: STRING,
                arn: STRING,
                accountid: STRING,
                username: STRING>,
            sourceidentity: STRING,
            ec2roledelivery: STRING,
            webidfederationdata: STRUCT<
                federatedprovider: STRING,
                attributes: MAP<STRING, STRING>>>>,
    eventtime STRING,
    eventsource STRING,
    eventname STRING,
    awsregion STRING,
    sourceipaddress STRING,
    useragent STRING,
    errorcode STRING,
    errormessage STRING,
    requestparameters STRING,
    responseelements STRING,
    additionaleventdata STRING,
    requestid STRING,
    eventid STRING,
    readonly STRING,
    resources ARRAY<STRUCT<
        arn: STRING,
        accountid: STRING,
        type: STRING>>,
    eventtype STRING,
    apiversion STRING,
    recipientaccountid STRING,
    serviceeventdetails STRING,
    sharedeventid STRING,
    vpcendpointid STRING,
    vpcendpointaccountid STRING,
    eventcategory STRING,
    addendum STRUCT<
        reason: STRING,
        updatedfields: STRING,
        originalrequestid: STRING,
        originaleventid: STRING>,
    sessioncredentialfromconsole STRING,
    edgedevicedetails STRING,
    tlsdetails STRUCT<
        tlsversion: STRING,
        ciphersuite: STRING,
        clientprovidedhostheader: STRING>
)
PARTITIONED BY (
    account STRING,
    region STRING,
    `date` STRING
)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://<bucket>/AWSLogs/<o-organization-id>/'
TBLPROPERTIES (
    'projection.enabled' = 'true',
    'projection.account.type' = 'injected',
    'projection.region.type' = 'injected',
    'projection.date.type' = 'date',
    'projection.date.format' = 'yyyy/MM/dd',
    'projection.date.range' = '2024/01/01,NOW',
    'projection.date.interval' = '1',
    'projection.date.interval.unit' = 'DAYS',
    'storage.location.template' = 's3://<bucket>/AWSLogs/<o-organization-id>/${account}/CloudTrail/${region}/${date}'
);
