// InvestBot in Azure: a Linux Web App (.NET 10) behind an Azure Bot with only the Microsoft Teams channel, storage through
// a user-assigned managed identity, the SingleTenant client secret in Key Vault, and Application Insights on a Log
// Analytics workspace. Deployed into one resource group
// by the Microsoft 365 Agents Toolkit (m365agents.yml, arm/deploy) or `az deployment group create` (docs/deploy.md).
targetScope = 'resourceGroup'

@description('Short lower-case name used in every resource name, e.g. "investbot" or "investbotdev".')
@minLength(3)
@maxLength(14)
param baseName string

@description('Region for everything except the bot registration (which is global).')
param location string = resourceGroup().location

@description('App Service plan SKU. Always On (needed by the schedules and the delivery worker) requires Basic or higher.')
@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'])
param appServiceSku string = 'B1'

@description('How many instances of the web app run; the delivery queue and the job leases share the work between them.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams are free anyway) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('UserAssignedMSI (recommended: the managed identity created here is the bot identity, no secret at all) or SingleTenant (an app registration in this tenant with a client secret, kept in Key Vault).')
@allowed(['SingleTenant', 'UserAssignedMSI'])
param botAppType string = 'SingleTenant'

@description('SingleTenant: the app registration\'s application (client) id; the deployment fails without it. Ignored for UserAssignedMSI.')
param botAppId string = ''

@description('SingleTenant: the app registration\'s client secret, stored in Key Vault; the deployment fails without it. Ignored for UserAssignedMSI.')
@secure()
param botAppPassword string = ''

@description('Tenant of the bot identity.')
param botTenantId string = tenant().tenantId

@description('Display name of the bot in Azure.')
param botDisplayName string = 'InvestBot 招商引资助手'

@description('Storage account SKU.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
param storageSku string = 'Standard_LRS'

@description('Allow account-key (shared key) access to storage. The app uses its managed identity, so this can stay off.')
param allowSharedKeyAccess bool = false

@description('Storage public network access. Enabled (recommended here, docs/deploy.md): the web app reaches storage over its public endpoint with Entra ID only. Disabled only with a private endpoint and VNet integration that the office\'s IT adds.')
@allowed(['Enabled', 'Disabled'])
param storagePublicNetworkAccess string = 'Enabled'

@description('Prefix of every table (and of the delivery queue), letters and digits; lets two environments share an account.')
param tablePrefix string = ''

@description('Teams AAD object ids of the 区合作交流办 admins, comma separated (InvestBot:Admins).')
param admins string = ''

@description('Days Log Analytics keeps logs and metrics.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

var suffix = toLower(baseName)
var tags = {
  application: 'InvestBot'
}
var deliveryQueueName = empty(tablePrefix) ? 'ranking-delivery' : '${toLower(tablePrefix)}-ranking-delivery'

// No bot without its identity (issue 18): an empty MicrosoftAppId would leave /api/messages without a token check, so a
// SingleTenant deployment without the app id or its secret fails at validation, before any resource is created.
var singleTenantAppId = botAppType != 'SingleTenant'
  ? ''
  : empty(botAppId)
      ? fail('botAppId is required for botAppType SingleTenant (the app registration\'s client id), or deploy with botAppType=UserAssignedMSI.')
      : empty(botAppPassword)
          ? fail('botAppPassword is required for botAppType SingleTenant (the app registration\'s client secret), or deploy with botAppType=UserAssignedMSI.')
          : botAppId

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${suffix}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${suffix}'
    appInsightsName: 'appi-${suffix}'
    location: location
    retentionDays: logRetentionDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('st${replace(suffix, '-', '')}${uniqueString(resourceGroup().id)}', 24)
    location: location
    sku: storageSku
    allowSharedKeyAccess: allowSharedKeyAccess
    publicNetworkAccess: storagePublicNetworkAccess
    deliveryQueueName: deliveryQueueName
    principalId: identity.outputs.principalId
    tags: tags
  }
}

var msaAppId = botAppType == 'UserAssignedMSI' ? identity.outputs.clientId : singleTenantAppId

// SingleTenant only: the client secret lives in Key Vault; the app setting is a Key Vault reference.
module keyVault 'modules/keyvault.bicep' = if (botAppType == 'SingleTenant') {
  name: 'keyVault'
  params: {
    name: take('kv${replace(suffix, '-', '')}${uniqueString(resourceGroup().id)}', 24)
    location: location
    secretName: 'MicrosoftAppPassword'
    secretValue: botAppPassword
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module app 'modules/app.bicep' = {
  name: 'app'
  params: {
    planName: 'plan-${suffix}'
    siteName: 'app-${suffix}-${uniqueString(resourceGroup().id)}'
    location: location
    sku: appServiceSku
    instanceCount: instanceCount
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    botAppType: botAppType
    botAppId: msaAppId
    botPasswordSecretUri: keyVault.?outputs.secretUri ?? ''
    botTenantId: botTenantId
    storageAccountName: storage.outputs.name
    appInsightsConnectionString: monitoring.outputs.connectionString
    tablePrefix: tablePrefix
    admins: admins
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-${suffix}-${uniqueString(resourceGroup().id)}'
    displayName: botDisplayName
    sku: botSku
    endpoint: 'https://${app.outputs.defaultHostName}/api/messages'
    appType: botAppType
    appId: msaAppId
    tenantId: botTenantId
    identityId: identity.outputs.id
    appInsightsAppId: monitoring.outputs.appId
    tags: tags
  }
}

// Outputs: the Agents Toolkit writes each into env/.env.<environment> (upper-case names are kept as they are).
@description('Resource id of the web app, for the toolkit\'s azureAppService/zipDeploy.')
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = app.outputs.id

@description('Host name of the web app: validDomains in the Teams manifest and the messaging endpoint.')
output BOT_DOMAIN string = app.outputs.defaultHostName

@description('The bot\'s Microsoft App ID (botId in the Teams manifest).')
output BOT_ID string = msaAppId

output BOT_ENDPOINT string = bot.outputs.endpoint

output AZURE_BOT_NAME string = bot.outputs.name

output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

output STORAGE_ACCOUNT_NAME string = storage.outputs.name

output LOG_ANALYTICS_WORKSPACE_ID string = monitoring.outputs.workspaceId

@description('SingleTenant: the Key Vault holding the client secret (rotation, docs/deploy.md § 10); empty for UserAssignedMSI.')
output KEY_VAULT_NAME string = keyVault.?outputs.name ?? ''

@description('The app settings the web app was given (the client secret only as its Key Vault reference).')
output appSettings object = app.outputs.settings
